/**
 * Wyoming event framing (rhasspy/wyoming `event.py`): a JSON header line
 * `{"type", "data"?, "data_length"?, "payload_length"?, "version"}\n`, then `data_length` bytes of
 * JSON merged over `data`, then `payload_length` bytes of payload. The parser is fed raw socket
 * chunks and never throws: a bad line is reported and skipped, an oversized frame stops it.
 */

/** One Wyoming event. */
export interface WyomingEvent {
  type: string;
  data: Record<string, unknown>;
  payload?: Buffer;
}

/** What the parser found in the bytes fed so far. */
export type FrameResult =
  | { kind: 'event'; event: WyomingEvent }
  /** A line or data block that is not a valid event; it was skipped and parsing goes on. */
  | { kind: 'garbage'; reason: string }
  /** A frame over the limits; the parser stops (the stream cannot be trusted any more). */
  | { kind: 'too_large'; reason: string };

/** Size limits of one frame. */
export interface FrameLimits {
  maxHeaderBytes: number;
  maxDataBytes: number;
  maxPayloadBytes: number;
}

/** A `handle` service only ever needs small frames; audio payloads are not for us. */
export const DEFAULT_FRAME_LIMITS: FrameLimits = { maxHeaderBytes: 64 * 1024, maxDataBytes: 1024 * 1024, maxPayloadBytes: 1024 * 1024 };

/** The protocol version written in our headers (the readers of the Python library ignore it). */
export const WYOMING_PROTOCOL_VERSION = '1.7.2';

const NEWLINE = 0x0a;

interface PendingHeader {
  type: string;
  data: Record<string, unknown>;
  dataLength: number;
  payloadLength: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isLength(value: unknown): value is number | undefined | null {
  return value === undefined || value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
}

/** Reads a header line; a string is the reason it is not one. */
export function parseHeader(line: string): PendingHeader | string {
  const header = parseJson(line);
  if (!isPlainObject(header)) return 'not a JSON object';
  const { type, data, data_length: dataLength, payload_length: payloadLength } = header;
  if (typeof type !== 'string' || type === '') return 'no event type';
  if (data !== undefined && data !== null && !isPlainObject(data)) return 'data is not an object';
  if (!isLength(dataLength) || !isLength(payloadLength)) return 'bad data_length or payload_length';
  return { type, data: isPlainObject(data) ? data : {}, dataLength: dataLength ?? 0, payloadLength: payloadLength ?? 0 };
}

/** Incremental parser for one connection. */
export class FrameParser {
  readonly #limits: FrameLimits;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: PendingHeader | undefined;
  #stopped = false;

  constructor(limits: FrameLimits = DEFAULT_FRAME_LIMITS) {
    this.#limits = limits;
  }

  /** Whether a frame has been received in part. */
  get midFrame(): boolean {
    return this.#pending !== undefined || this.#buffer.length > 0;
  }

  /** Feeds bytes; returns what they completed, in order. */
  push(chunk: Buffer): FrameResult[] {
    if (this.#stopped) return [];
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const results: FrameResult[] = [];
    for (;;) {
      const result = this.#pending ? this.#readBody(this.#pending) : this.#readHeader();
      if (result === undefined) break;
      if (result !== 'continue') results.push(result);
      if (result !== 'continue' && result.kind === 'too_large') {
        this.#stopped = true;
        this.#buffer = Buffer.alloc(0);
        break;
      }
    }
    return results;
  }

  #readHeader(): FrameResult | 'continue' | undefined {
    const end = this.#buffer.indexOf(NEWLINE);
    if (end < 0) {
      return this.#buffer.length > this.#limits.maxHeaderBytes ? { kind: 'too_large', reason: 'header line too long' } : undefined;
    }
    if (end > this.#limits.maxHeaderBytes) return { kind: 'too_large', reason: 'header line too long' };
    const line = this.#buffer.subarray(0, end).toString('utf8').trim();
    this.#buffer = this.#buffer.subarray(end + 1);
    if (line === '') return 'continue';
    const header = parseHeader(line);
    if (typeof header === 'string') return { kind: 'garbage', reason: header };
    if (header.dataLength > this.#limits.maxDataBytes) return { kind: 'too_large', reason: `data_length ${header.dataLength} over the limit` };
    if (header.payloadLength > this.#limits.maxPayloadBytes) {
      return { kind: 'too_large', reason: `payload_length ${header.payloadLength} over the limit` };
    }
    this.#pending = header;
    return 'continue';
  }

  #readBody(header: PendingHeader): FrameResult | undefined {
    const need = header.dataLength + header.payloadLength;
    if (this.#buffer.length < need) return undefined;
    const dataBytes = this.#buffer.subarray(0, header.dataLength);
    const payload = header.payloadLength > 0 ? Buffer.from(this.#buffer.subarray(header.dataLength, need)) : undefined;
    this.#buffer = this.#buffer.subarray(need);
    this.#pending = undefined;
    let data = header.data;
    if (header.dataLength > 0) {
      const extra = parseJson(dataBytes.toString('utf8'));
      // The whole frame was consumed, so the stream stays aligned after a bad data block.
      if (!isPlainObject(extra)) return { kind: 'garbage', reason: 'data block is not a JSON object' };
      data = { ...data, ...extra };
    }
    return { kind: 'event', event: { type: header.type, data, ...(payload && { payload }) } };
  }
}

/** Encodes an event the way the Python library writes it: data as a `data_length` block. */
export function encodeEvent(event: WyomingEvent): Buffer {
  const header: Record<string, unknown> = { type: event.type, version: WYOMING_PROTOCOL_VERSION };
  const parts: Buffer[] = [];
  const data = Object.keys(event.data).length > 0 ? Buffer.from(JSON.stringify(event.data), 'utf8') : undefined;
  if (data) header['data_length'] = data.length;
  if (event.payload && event.payload.length > 0) header['payload_length'] = event.payload.length;
  parts.push(Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'));
  if (data) parts.push(data);
  if (event.payload && event.payload.length > 0) parts.push(event.payload);
  return Buffer.concat(parts);
}
