/**
 * Shapes of the fake Anthropic server: what a script returns, what the server records.
 * Wire shapes follow Anthropic's Messages API; only the fields the fake reads are typed.
 */

/** A content block of a scripted answer; a tool_use without `id` gets a generated one. */
export type FakeReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id?: string; name: string; input: unknown };

/** Token counts as the Messages API reports them. */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** One scripted model answer. */
export interface FakeReply {
  content: FakeReplyBlock[];
  /** Defaults to `tool_use` when the content has a tool_use block, else `end_turn`. */
  stop_reason?: 'end_turn' | 'tool_use' | 'max_tokens';
  /** Overrides the estimated counts. */
  usage?: Partial<FakeUsage>;
  /** Pause between SSE events for this reply (overrides the server's `delayMs`). */
  delayMs?: number;
}

/** A scripted failure, answered with Anthropic's error JSON shape. */
export interface FakeError {
  status: 429 | 500 | 529 | 400 | 401 | 403;
  /** Anthropic's error type: `overloaded_error`, `rate_limit_error`, `api_error`, … */
  type: string;
  message: string;
  /** Seconds, sent as `retry-after` (and `retry-after-ms`); retryable errors default to 10 ms. */
  retryAfter?: number;
  /** Streamed requests only: answer 200, start the message, then send an SSE `error` event. */
  midStream?: boolean;
}

/** What one scripted step produces. */
export type FakeOutcome = FakeReply | { error: FakeError };

/** A scripted step: a fixed outcome or a function of the request (may be async). */
export type FakeTurn = FakeOutcome | ((req: RecordedRequest) => FakeOutcome | Promise<FakeOutcome>);

/** A text block of a request, as the client sent it. */
export interface FakeTextBlockParam {
  type: 'text';
  text: string;
  cache_control?: { type: string; ttl?: string };
}

/** Any content block of a request message (text, tool_use, tool_result, image, …). */
export interface FakeContentBlockParam {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | Array<{ type: string; text?: string }>;
  is_error?: boolean;
  cache_control?: { type: string; ttl?: string };
}

/** One message of a request. */
export interface FakeMessageParam {
  role: 'user' | 'assistant';
  content: string | FakeContentBlockParam[];
}

/** A tool offered by the client. */
export interface FakeToolParam {
  name: string;
  description?: string;
  input_schema: unknown;
  cache_control?: { type: string; ttl?: string };
}

/** The parsed JSON body of `POST /v1/messages`. */
export interface FakeRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | FakeTextBlockParam[];
  messages: FakeMessageParam[];
  tools?: FakeToolParam[];
  [key: string]: unknown;
}

/** Where the answer to a request came from. */
export type ReplySource = 'queue' | 'fallback' | 'unscripted' | 'rejected';

/** One request as the server saw it, in arrival order. */
export interface RecordedRequest {
  /** 0-based arrival order. */
  index: number;
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: FakeRequestBody;
  /** `unscripted` means the queue was empty and there was no fallback. */
  source: ReplySource;
  /** HTTP status answered. */
  status: number;
  /** Usage reported in the answer, when it was a message. */
  usage?: FakeUsage;
}

/** Options of startFakeAnthropic. */
export interface FakeAnthropicOptions {
  /** The key accepted as `x-api-key` or `Authorization: Bearer`; default `sk-ant-fake-key`. */
  apiKey?: string;
  /** Default 0 (ephemeral), always on 127.0.0.1. */
  port?: number;
  /** Answers requests when the queue is empty. */
  fallback?: FakeTurn;
  /** Pause between SSE events; default 0. */
  delayMs?: number;
  /** Prefixes shorter than this are not cached (the real API's minimum is 1024+); default 0. */
  minCacheTokens?: number;
}

/** A running fake Anthropic API. */
export interface FakeLlm {
  /** Base URL for the SDK (`baseURL`) or `ANTHROPIC_BASE_URL`; no trailing slash, no `/v1`. */
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Queues outcomes, consumed one per `POST /v1/messages`. */
  enqueue(...turns: Array<FakeTurn | { error: FakeError }>): void;
  /** Scripted steps not consumed yet. */
  pending(): number;
  stop(): Promise<void>;
}
