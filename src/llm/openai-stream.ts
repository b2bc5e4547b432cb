/**
 * Streaming Chat Completions: a pure accumulator that assembles text and tool calls from chunks
 * (parallel tool calls arrive interleaved, keyed by `index`, with their arguments split in
 * fragments), and the SDK call around it with an idle watchdog.
 */
import { randomUUID } from 'node:crypto';
import { APIUserAbortError, type OpenAI } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { serverName, type ModelServer } from './openai-errors.js';
import { wordedModelError } from './worded-error.js';
import type { ModelResponse, ModelUsage, StopReason } from './provider.js';
import type { ContentBlock } from '../contracts/messages.js';

interface PartialCall {
  id: string;
  name: string;
  args: string;
}

/** What the chunks of one answer add up to. */
export interface StreamState {
  text: string;
  /** By the chunk's `index`, in order of first appearance. */
  calls: Map<number, PartialCall>;
  finishReason: string | null;
  usage: CompletionUsage | undefined;
  model: string | undefined;
}

/** An empty state. */
export function createStreamState(): StreamState {
  return { text: '', calls: new Map(), finishReason: null, usage: undefined, model: undefined };
}

/** Folds one chunk into the state; returns the text it added, if any (to stream to the user). */
export function applyChunk(state: StreamState, chunk: ChatCompletionChunk): string | undefined {
  if (chunk.model) state.model = chunk.model;
  if (chunk.usage) state.usage = chunk.usage;
  let added: string | undefined;
  for (const choice of chunk.choices ?? []) {
    if (choice.index !== 0) continue;
    const delta = choice.delta ?? {};
    if (delta.content) {
      state.text += delta.content;
      added = (added ?? '') + delta.content;
    }
    for (const call of delta.tool_calls ?? []) {
      const partial = state.calls.get(call.index) ?? { id: '', name: '', args: '' };
      if (call.id) partial.id = call.id;
      // Servers send the name once, whole; a few repeat it in later fragments.
      const name = call.function?.name;
      if (name && name !== partial.name) partial.name += name;
      if (call.function?.arguments) partial.args += call.function.arguments;
      state.calls.set(call.index, partial);
    }
    if (choice.finish_reason) state.finishReason = choice.finish_reason;
  }
  return added;
}

/** Arguments as an object; text that is not JSON is kept as it is so the tool check can tell the model. */
export function parseArguments(args: string): unknown {
  if (!args.trim()) return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args;
  }
}

/** Maps finish_reason; tool calls win, since some servers say `stop` even when they made them. */
export function mapFinishReason(reason: string | null, hasToolCalls: boolean): StopReason {
  if (hasToolCalls) return 'tool_use';
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    default:
      return 'other';
  }
}

/** `inputTokens` is the uncached input only (prompt_tokens counts cached tokens too), as for Anthropic. */
export function mapUsage(usage: CompletionUsage): ModelUsage {
  const details = usage.prompt_tokens_details;
  const cached = details?.cached_tokens ?? 0;
  const written = details?.cache_write_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.prompt_tokens - cached - written),
    outputTokens: usage.completion_tokens,
    ...(details?.cached_tokens != null ? { cacheReadTokens: cached } : {}),
    ...(details?.cache_write_tokens != null ? { cacheWriteTokens: written } : {}),
  };
}

/** The whole answer; `fallbackUsage` is used when the server sent no usage chunk. */
export function finishResponse(state: StreamState, model: string, fallbackUsage: () => ModelUsage): ModelResponse {
  const content: ContentBlock[] = [];
  if (state.text) content.push({ type: 'text', text: state.text });
  for (const call of state.calls.values()) {
    // A few local servers send calls without ids; the conversation needs one to pair the result.
    const id = call.id || `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    content.push({ type: 'tool_use', id, name: call.name, input: parseArguments(call.args) });
  }
  return {
    content,
    stopReason: mapFinishReason(state.finishReason, state.calls.size > 0),
    usage: state.usage ? mapUsage(state.usage) : fallbackUsage(),
    model: state.model || model,
  };
}

/** Per-call hooks and limits. */
export interface StreamCallOptions {
  signal?: AbortSignal | undefined;
  onText: (delta: string) => void;
  /** Longest silence allowed, before the first chunk and between chunks. */
  idleMs: number;
  /** Names the server in the stall message. */
  server: ModelServer;
}

/** Streams one answer into a state; rejects with what the SDK threw, or model_unavailable on a stall. */
export async function streamChat(client: OpenAI, params: ChatCompletionCreateParamsStreaming, opts: StreamCallOptions): Promise<StreamState> {
  const state = createStreamState();
  const stream = await client.chat.completions.create(params, opts.signal ? { signal: opts.signal } : undefined);
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      stream.controller.abort();
    }, opts.idleMs);
  };
  const stallError = (cause?: unknown) =>
    wordedModelError('model_unavailable', 'openai.silent', (language) => ({ server: serverName(opts.server, language), seconds: Math.round(opts.idleMs / 1000) }), { cause });
  try {
    arm();
    for await (const chunk of stream) {
      arm();
      const added = applyChunk(state, chunk);
      if (added) opts.onText(added);
    }
  } catch (err) {
    if (stalled) throw stallError(err);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  // The SDK ends the iteration quietly when the request is aborted: a cut answer must not pass as whole.
  if (opts.signal?.aborted) throw new APIUserAbortError();
  if (stalled) throw stallError();
  return state;
}
