/**
 * The Provider interface: one model call over the conversation format of contracts/messages.ts,
 * which each provider translates to its wire protocol.
 */
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

/** A tool as the model sees it: name, description, JSON Schema of the input. */
export interface ToolSpec {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/** One model call. */
export interface ModelRequest {
  /** Stable instructions: identical across turns so the provider can cache them with the tools. */
  system: string;
  /** Per-turn context (date/time, user name); sent after the cache breakpoint. */
  systemDynamic?: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens?: number;
  signal?: AbortSignal;
  /** What the call is for, so usage can be counted per turn; providers ignore it. */
  meter?: ModelCallTag;
}

/** Tags a model call for usage accounting. */
export interface ModelCallTag {
  conversationId?: string;
  /** One id per agent turn; a turn makes one call per step. */
  turnId?: string;
  /** `answer` (the agent loop) or `summary` (compaction). */
  purpose?: 'answer' | 'summary';
}

/** Streamed while the model answers. */
export type ModelStreamEvent = { type: 'text_delta'; text: string };

/** Token counts of one call, when the provider reports them. */
export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** Why the model stopped. */
export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'other';

/** A complete answer: text and tool_use blocks in order. */
export interface ModelResponse {
  content: ContentBlock[];
  stopReason: StopReason;
  usage: ModelUsage;
  model: string;
}

/** A language model behind one wire protocol. */
export interface Provider {
  /** `anthropic`, `openai`, … */
  readonly name: string;
  /** The model the provider will ask for. */
  readonly model: string;
  /** Whether the model is sent the images tools return (browser screenshots). */
  readonly acceptsImages: boolean;
  /** Streams text deltas through `onEvent` and resolves with the whole answer; throws ModelError. */
  complete(request: ModelRequest, onEvent?: (event: ModelStreamEvent) => void): Promise<ModelResponse>;
}
