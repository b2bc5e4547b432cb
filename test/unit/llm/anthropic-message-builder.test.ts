import { AnthropicError } from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { createMessageBuilder } from '../../../src/llm/anthropic-message-builder.js';
import { mapMessage } from '../../../src/llm/anthropic-response.js';

const start = (): RawMessageStreamEvent => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 120, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: 2000, server_tool_use: null, service_tier: null },
  } as never,
});

const textBlock = (index: number): RawMessageStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } });
const toolBlock = (index: number, id: string, name: string): RawMessageStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } as never });
const text = (index: number, t: string): RawMessageStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
const json = (index: number, partial: string): RawMessageStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
const stop = (index: number): RawMessageStreamEvent => ({ type: 'content_block_stop', index });
const delta = (reason: 'end_turn' | 'tool_use' | 'max_tokens', output: number): RawMessageStreamEvent =>
  ({ type: 'message_delta', delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: output } }) as never;
const end: RawMessageStreamEvent = { type: 'message_stop' };

function build(events: RawMessageStreamEvent[]) {
  const builder = createMessageBuilder();
  const texts = events.map((e) => builder.apply(e)).filter((t): t is string => t !== undefined);
  return { texts, message: builder.finish() };
}

describe('createMessageBuilder', () => {
  it('joins the text deltas, hands each one out as it comes, and keeps the final usage and stop reason', () => {
    const { texts, message } = build([start(), textBlock(0), text(0, 'The kitchen '), text(0, 'light is on.'), stop(0), delta('end_turn', 9), end]);
    expect(texts).toEqual(['The kitchen ', 'light is on.']);
    expect(mapMessage(message)).toEqual({
      content: [{ type: 'text', text: 'The kitchen light is on.' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 120, outputTokens: 9, cacheReadTokens: 2000 },
      model: 'claude-sonnet-4-5',
    });
  });

  it('parses each tool call input from its JSON pieces, with several calls in one message', () => {
    const { texts, message } = build([
      start(),
      textBlock(0),
      text(0, 'Let me look.'),
      stop(0),
      toolBlock(1, 'toolu_1', 'ha_find_entities'),
      json(1, '{"query": "kitch'),
      json(1, 'en light", "limit": 5}'),
      stop(1),
      toolBlock(2, 'toolu_2', 'ha_list_areas'),
      stop(2),
      delta('tool_use', 40),
      end,
    ]);
    expect(texts).toEqual(['Let me look.']);
    expect(mapMessage(message).content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'toolu_1', name: 'ha_find_entities', input: { query: 'kitchen light', limit: 5 } },
      { type: 'tool_use', id: 'toolu_2', name: 'ha_list_areas', input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('refuses a tool call whose input was cut off, naming the tool, rather than running half an input', () => {
    const builder = createMessageBuilder();
    for (const event of [start(), toolBlock(0, 'toolu_1', 'shell_run'), json(0, '{"command": "rm -rf /tmp/cache')]) builder.apply(event);
    expect(() => builder.apply(stop(0))).toThrow(AnthropicError);
    expect(() => builder.apply(stop(0))).toThrow(/input of the shell_run call was cut off/);
  });

  it('refuses a stream that ends before message_stop or sends events out of order', () => {
    const cut = createMessageBuilder();
    for (const event of [start(), textBlock(0), text(0, 'Half an')]) cut.apply(event);
    expect(() => cut.finish()).toThrow(/before the answer was complete/);
    expect(() => createMessageBuilder().apply(text(0, 'x'))).toThrow(/before message_start/);
    const twice = createMessageBuilder();
    twice.apply(start());
    expect(() => twice.apply(start())).toThrow(/second message_start/);
  });

  it('does not change the event it was given (the SDK may hand the same objects to others)', () => {
    const first = start();
    const { message } = build([first, textBlock(0), text(0, 'Hi'), stop(0), delta('end_turn', 2), end]);
    expect(message.content).toHaveLength(1);
    expect((first as Extract<RawMessageStreamEvent, { type: 'message_start' }>).message.content).toEqual([]);
    expect((first as Extract<RawMessageStreamEvent, { type: 'message_start' }>).message.usage.output_tokens).toBe(1);
  });
});
