/**
 * Pure builders of the Chat Completions wire format: the JSON completion, its chunk sequence
 * (role, content deltas, tool_calls deltas with split arguments, finish reason, usage chunk) and
 * OpenAI's error body. Field names follow the API reference.
 */
import type { OpenAiUsage } from './fake-openai-types.js';
import type { FakeReply } from './types.js';
import { chunkJson, chunkText } from './wire.js';

/** A tool call of an answer. */
export interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One answer, before it is written as JSON or chunks. */
export interface WireCompletion {
  id: string;
  created: number;
  model: string;
  text: string;
  toolCalls: WireToolCall[];
  finishReason: 'stop' | 'tool_calls' | 'length';
  usage: OpenAiUsage;
}

/** Builds the answer for a reply; `nextToolId` names tool calls the script left unnamed. */
export function buildCompletion(reply: FakeReply, id: string, model: string, usage: OpenAiUsage, nextToolId: () => string): WireCompletion {
  const text = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  const toolCalls = reply.content.flatMap((b) =>
    b.type === 'tool_use' ? [{ id: b.id ?? nextToolId(), name: b.name, arguments: JSON.stringify(b.input ?? {}) }] : [],
  );
  const finishReason = reply.stop_reason === 'max_tokens' ? 'length' : toolCalls.length > 0 ? 'tool_calls' : 'stop';
  return { id, created: Math.floor(Date.now() / 1000), model, text, toolCalls, finishReason, usage };
}

/** Usage with the details objects OpenAI always sends. */
export function buildUsage(prompt: number, cached: number, completion: number): OpenAiUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** The non-streamed `chat.completion` object. */
export function completionJson(c: WireCompletion): object {
  const toolCalls = c.toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } }));
  return {
    id: c.id,
    object: 'chat.completion',
    created: c.created,
    model: c.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: c.text || null, refusal: null, ...(toolCalls.length > 0 && { tool_calls: toolCalls }) },
        logprobs: null,
        finish_reason: c.finishReason,
      },
    ],
    usage: c.usage,
  };
}

type Delta = Record<string, unknown>;

function toolDeltas(calls: WireToolCall[], interleave: boolean): Delta[] {
  const perCall = calls.map((call, index) => [
    { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] },
    ...chunkJson(call.arguments).map((fragment) => ({ tool_calls: [{ index, function: { arguments: fragment } }] })),
  ]);
  if (!interleave) return perCall.flat();
  const out: Delta[] = [];
  for (let step = 0; perCall.some((deltas) => step < deltas.length); step += 1) {
    for (const deltas of perCall) {
      const delta = deltas[step];
      if (delta) out.push(delta);
    }
  }
  return out;
}

/**
 * The `data:` payloads of a streamed answer, without `[DONE]`. With `includeUsage`, every chunk
 * carries `usage: null` and a last chunk with no choices carries the usage, as the API does.
 */
export function buildChunks(c: WireCompletion, opts: { includeUsage: boolean; interleave: boolean }): object[] {
  const base = { id: c.id, object: 'chat.completion.chunk', created: c.created, model: c.model, system_fingerprint: 'fp_fake' };
  const usageNull = opts.includeUsage ? { usage: null } : {};
  const chunk = (delta: Delta, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...usageNull,
  });
  const chunks = [chunk({ role: 'assistant', content: '', refusal: null })];
  if (c.text) chunks.push(...chunkText(c.text).map((content) => chunk({ content })));
  chunks.push(...toolDeltas(c.toolCalls, opts.interleave).map((delta) => chunk(delta)));
  chunks.push(chunk({}, c.finishReason));
  return opts.includeUsage ? [...chunks, { ...base, choices: [], usage: c.usage }] : chunks;
}

/** OpenAI's error JSON: `{"error":{"message","type","param","code"}}`. */
export function openAiErrorBody(message: string, type = 'invalid_request_error', code: string | null = null): object {
  return { error: { message, type, param: null, code } };
}

/** One `data:` line in SSE framing. */
export function formatData(data: object | string): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
