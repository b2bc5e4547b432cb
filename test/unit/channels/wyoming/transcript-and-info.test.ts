import { describe, expect, it } from 'vitest';
import { buildInfoData, voiceLanguages } from '../../../../src/channels/wyoming/info.js';
import { parseTranscript } from '../../../../src/channels/wyoming/transcript.js';

describe('transcript events', () => {
  it('reads text, language and the conversation id from the context (wyoming 1.7+)', () => {
    expect(parseTranscript({ text: ' turn on the hall ', language: 'en_US', context: { conversation_id: '01J0ABC', device_id: 'd1' } })).toEqual({
      text: 'turn on the hall',
      language: 'en-US',
      conversationId: '01J0ABC',
    });
  });

  it('accepts older transcripts without context or language', () => {
    expect(parseTranscript({ text: 'hello', is_final: true })).toEqual({ text: 'hello' });
  });

  it('drops malformed optional fields instead of refusing the words', () => {
    expect(parseTranscript({ text: 'hello', language: 42, context: { conversation_id: {} } })).toEqual({ text: 'hello' });
    expect(parseTranscript({ text: 'hello', context: 'nope' })).toEqual({ text: 'hello' });
  });

  it('has nothing to answer without words', () => {
    expect(parseTranscript({ text: '   ' })).toBeUndefined();
    expect(parseTranscript({})).toBeUndefined();
  });
});

describe('info', () => {
  it('lists one installed handle program able to control the home, with real languages', () => {
    const info = buildInfoData({ version: '1.2.3', languages: voiceLanguages('fr') }) as { handle: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(info).not.toHaveProperty('satellite');
    expect(info['asr']).toEqual([]);
    expect(info.handle).toHaveLength(1);
    const program = info.handle[0] as { models: Array<{ languages: string[]; installed: boolean }> } & Record<string, unknown>;
    expect(program).toMatchObject({ name: 'Majordome', installed: true, version: '1.2.3', supports_home_control: true });
    expect(program.models[0]?.installed).toBe(true);
    expect(program.models[0]?.languages).toEqual(expect.arrayContaining(['en', 'fr', 'de']));
  });

  it('always offers the configured language', () => {
    expect(voiceLanguages('gsw')).toContain('gsw');
    expect(new Set(voiceLanguages('en')).size).toBe(voiceLanguages('en').length);
  });
});
