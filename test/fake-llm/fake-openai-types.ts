/**
 * Shapes of the fake OpenAI chat-completions server. Scripts are the same as the fake Anthropic
 * server's (Anthropic-shaped replies, a RecordedRequest whose `body` is a neutral view of the
 * request), so one scripted scenario runs against either provider.
 */
import type { FakeLlm, FakeReply, RecordedRequest } from './types.js';

/** A tool call of a request message, as the client sent it. */
export interface OpenAiToolCallParam {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** One message of a request (system, developer, user, assistant or tool). */
export interface OpenAiMessageParam {
  role: string;
  content?: string | Array<{ type: string; text?: string }> | null;
  name?: string;
  tool_calls?: OpenAiToolCallParam[];
  tool_call_id?: string;
}

/** A tool offered by the client. */
export interface OpenAiToolParam {
  type: string;
  function?: { name?: string; description?: string; parameters?: unknown };
}

/** The parsed JSON body of `POST /v1/chat/completions`. */
export interface OpenAiRequestBody {
  model: string;
  messages: OpenAiMessageParam[];
  tools?: OpenAiToolParam[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

/** Token counts as Chat Completions reports them. */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

/** A scripted failure, answered with OpenAI's error JSON shape. */
export interface FakeOpenAiError {
  status: number;
  /** OpenAI's error type: `invalid_request_error`, `server_error`, `rate_limit_error`, … */
  type?: string;
  /** OpenAI's error code: `rate_limit_exceeded`, `insufficient_quota`, … */
  code?: string;
  message: string;
  /** Seconds, sent as `retry-after` (and `retry-after-ms`); retryable errors default to 10 ms. */
  retryAfter?: number;
  /** Streamed requests only: answer 200, stream a first chunk, then a `data: {"error": …}` event. */
  midStream?: boolean;
}

/** One request as the server saw it: `body` is the neutral (Anthropic-shaped) view scripts read. */
export interface OpenAiRecordedRequest extends RecordedRequest {
  /** The request as the client sent it. */
  openai: OpenAiRequestBody;
  /** Usage as reported to the client, when the answer was a completion. */
  openaiUsage?: OpenAiUsage;
}

/** What one scripted step produces. */
export type FakeOpenAiOutcome = FakeReply | { error: FakeOpenAiError };

/** A scripted step: a fixed outcome or a function of the request (may be async). */
export type FakeOpenAiTurn = FakeOpenAiOutcome | ((req: OpenAiRecordedRequest) => FakeOpenAiOutcome | Promise<FakeOpenAiOutcome>);

/** Options of startFakeOpenAi. */
export interface FakeOpenAiOptions {
  /** The key accepted as `Authorization: Bearer`; default `sk-fake-openai-key`. */
  apiKey?: string;
  /** false plays a local server (Ollama) that takes any key or none. Default true. */
  requireKey?: boolean;
  /** Default 0 (ephemeral), always on 127.0.0.1. */
  port?: number;
  /** Answers requests when the queue is empty. */
  fallback?: FakeOpenAiTurn;
  /** Pause between SSE chunks; default 0. */
  delayMs?: number;
  /** false plays a model without tool support: a request offering tools gets Ollama's 400. Default true. */
  toolSupport?: boolean;
  /** Prefixes shorter than this are not reported as cached (OpenAI's minimum is 1024); default 0. */
  minCacheTokens?: number;
  /** false plays a server that ignores `stream_options.include_usage`. Default true. */
  reportUsage?: boolean;
  /** Send the fragments of parallel tool calls interleaved (round robin by index). Default false. */
  interleaveToolCalls?: boolean;
}

/** A running fake OpenAI API; usable wherever a FakeLlm is expected. */
export interface FakeOpenAi extends FakeLlm {
  /** Base URL with `/v1`, for the SDK's `baseURL` or `OPENAI_BASE_URL`. */
  url: string;
  requests: OpenAiRecordedRequest[];
  enqueue(...turns: FakeOpenAiTurn[]): void;
}
