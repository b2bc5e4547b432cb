/**
 * Pure builders of the Messages API wire format: the JSON message, its SSE event sequence and
 * Anthropic's error body. Event order and field names follow the API's streaming reference.
 */
import type { FakeError, FakeReply, FakeUsage } from './types.js';

/** A content block as the API returns it. */
export type WireBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** A complete `message` object. */
export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: WireBlock[];
  stop_reason: 'end_turn' | 'tool_use' | 'max_tokens';
  stop_sequence: null;
  usage: FakeUsage & { cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number }; service_tier: 'standard' };
}

/** One server-sent event before formatting. */
export interface SseEvent {
  event: string;
  data: object;
}

/** Builds the message for a reply; `nextToolId` names tool_use blocks the script left unnamed. */
export function buildMessage(reply: FakeReply, id: string, model: string, usage: FakeUsage, nextToolId: () => string): WireMessage {
  const content: WireBlock[] = reply.content.map((block) =>
    block.type === 'text' ? { type: 'text', text: block.text } : { type: 'tool_use', id: block.id ?? nextToolId(), name: block.name, input: block.input ?? {} },
  );
  const stopReason = reply.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      ...usage,
      cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
      service_tier: 'standard',
    },
  };
}

/** Splits text the way a model streams it: a couple of words per delta. */
export function chunkText(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += 2) chunks.push(words.slice(i, i + 2).join(''));
  return chunks;
}

/** Splits serialized tool input into short fragments, as the API does with `input_json_delta`. */
export function chunkJson(json: string, size = 12): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += size) chunks.push(json.slice(i, i + size));
  return chunks;
}

function startOf(message: WireMessage): SseEvent {
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, cache_creation, service_tier } = message.usage;
  return {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, cache_creation, output_tokens: 1, service_tier },
      },
    },
  };
}

function blockEvents(block: WireBlock, index: number): SseEvent[] {
  const events: SseEvent[] = [];
  if (block.type === 'text') {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
    for (const text of chunkText(block.text)) {
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } } });
    }
  } else {
    const start = { type: 'tool_use', id: block.id, name: block.name, input: {} };
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
    // The API opens every tool input with an empty fragment.
    for (const partial_json of ['', ...chunkJson(JSON.stringify(block.input))]) {
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } } });
    }
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/** The full SSE sequence of a message: start, blocks with deltas, delta with stop reason, stop. */
export function buildStreamEvents(message: WireMessage): SseEvent[] {
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } = message.usage;
  return [
    startOf(message),
    ...message.content.flatMap((block, index) => blockEvents(block, index)),
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/** A stream that fails after it started, as the API does when it overloads mid-answer. */
export function buildMidStreamErrorEvents(message: WireMessage, error: FakeError): SseEvent[] {
  return [startOf(message), { event: 'error', data: errorBody(error.type, error.message) }];
}

/** Anthropic's error JSON: `{"type":"error","error":{"type":…,"message":…}}`. */
export function errorBody(type: string, message: string): object {
  return { type: 'error', error: { type, message } };
}

/** One event in SSE framing. */
export function formatSse(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
