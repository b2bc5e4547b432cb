import { describe, expect, it } from 'vitest';
import { encodeEvent, FrameParser, type FrameResult } from '../../../../src/channels/wyoming/framing.js';

const line = (obj: unknown) => Buffer.from(`${JSON.stringify(obj)}\n`);
const events = (results: FrameResult[]) => results.flatMap((r) => (r.kind === 'event' ? [r.event] : []));

describe('Wyoming framing', () => {
  it('reads data inline in the header', () => {
    const parser = new FrameParser();
    const out = parser.push(line({ type: 'transcript', data: { text: 'hello' }, version: '1.7.2' }));
    expect(events(out)).toEqual([{ type: 'transcript', data: { text: 'hello' } }]);
  });

  it('reads a data_length block and merges it over inline data, as the Python library does', () => {
    const block = Buffer.from(JSON.stringify({ text: 'allume la cuisine', language: 'fr' }));
    const parser = new FrameParser();
    const out = parser.push(Buffer.concat([line({ type: 'transcript', data: { text: 'old', extra: 1 }, data_length: block.length }), block]));
    expect(events(out)).toEqual([{ type: 'transcript', data: { text: 'allume la cuisine', language: 'fr', extra: 1 } }]);
  });

  it('counts data_length in bytes, not characters', () => {
    const block = Buffer.from(JSON.stringify({ text: 'éteins la lumière du séjour ☀' }));
    const parser = new FrameParser();
    expect(events(parser.push(Buffer.concat([line({ type: 'transcript', data_length: block.length }), block])))[0]?.data).toEqual({
      text: 'éteins la lumière du séjour ☀',
    });
  });

  it('waits for a frame sent one byte at a time, then reads it whole', () => {
    const block = Buffer.from(JSON.stringify({ text: 'slow' }));
    const bytes = Buffer.concat([line({ type: 'transcript', data_length: block.length, payload_length: 3 }), block, Buffer.from([1, 2, 3])]);
    const parser = new FrameParser();
    const found: FrameResult[] = [];
    for (const byte of bytes) found.push(...parser.push(Buffer.from([byte])));
    expect(events(found)).toEqual([{ type: 'transcript', data: { text: 'slow' }, payload: Buffer.from([1, 2, 3]) }]);
  });

  it('reads several events from one chunk, skipping blank lines', () => {
    const parser = new FrameParser();
    const out = parser.push(Buffer.concat([line({ type: 'describe' }), Buffer.from('\n\r\n'), line({ type: 'ping', data: { text: 'x' } })]));
    expect(events(out).map((e) => e.type)).toEqual(['describe', 'ping']);
  });

  it('reports a garbage line and keeps reading the next event', () => {
    const parser = new FrameParser();
    const out = parser.push(Buffer.concat([Buffer.from('GET / HTTP/1.1\n'), Buffer.from('{"no":"type"}\n'), Buffer.from('[1,2]\n'), line({ type: 'describe' })]));
    expect(out.map((r) => r.kind)).toEqual(['garbage', 'garbage', 'garbage', 'event']);
  });

  it('skips a frame whose data block is not JSON, staying aligned on the next one', () => {
    const parser = new FrameParser();
    const out = parser.push(Buffer.concat([line({ type: 'transcript', data_length: 5 }), Buffer.from('nope!'), line({ type: 'describe' })]));
    expect(out.map((r) => r.kind)).toEqual(['garbage', 'event']);
  });

  it('refuses bad lengths as garbage', () => {
    const parser = new FrameParser();
    expect(parser.push(line({ type: 'transcript', data_length: -4 }))[0]?.kind).toBe('garbage');
    expect(parser.push(line({ type: 'transcript', payload_length: 'ten' }))[0]?.kind).toBe('garbage');
  });

  it('stops on an oversized frame: a long line without newline, or a huge declared length', () => {
    const limits = { maxHeaderBytes: 100, maxDataBytes: 50, maxPayloadBytes: 10 };
    expect(new FrameParser(limits).push(Buffer.alloc(200, 0x61))[0]?.kind).toBe('too_large');
    expect(new FrameParser(limits).push(line({ type: 'transcript', data_length: 51 }))[0]?.kind).toBe('too_large');
    const parser = new FrameParser(limits);
    expect(parser.push(line({ type: 'audio-chunk', payload_length: 1_000_000 }))[0]?.kind).toBe('too_large');
    expect(parser.push(line({ type: 'describe' }))).toEqual([]);
  });

  it('encodes like the Python library: data as a data_length block, payload after it', () => {
    const bytes = encodeEvent({ type: 'handled', data: { text: 'Café ouvert' }, payload: Buffer.from('xy') });
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString()) as Record<string, unknown>;
    const data = Buffer.from(JSON.stringify({ text: 'Café ouvert' }));
    expect(header).toMatchObject({ type: 'handled', data_length: data.length, payload_length: 2 });
    expect(header).not.toHaveProperty('data');
    expect(bytes.subarray(newline + 1)).toEqual(Buffer.concat([data, Buffer.from('xy')]));
    expect(JSON.parse(encodeEvent({ type: 'describe', data: {} }).toString())).not.toHaveProperty('data_length');
  });
});
