/**
 * The model-neutral conversation format and the Provider interface. Shapes follow Anthropic's
 * Messages API (the richest of the supported wire formats); other providers translate.
 */

/** A picture a tool returns (a browser screenshot), base64-encoded. */
export interface ToolImage {
  media_type: 'image/jpeg' | 'image/png';
  data: string;
}

/** One block of a message. */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  /**
   * `summary` is the tool's one-line outcome for people (history in the panel); providers never
   * send it to a model. `image` goes only to models that accept images, and only while the turn
   * that took it runs: it is never stored (the agent drops it from history).
   */
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean; summary?: string; image?: ToolImage };

/** One message of a conversation. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

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
