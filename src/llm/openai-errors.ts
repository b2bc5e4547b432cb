/**
 * Turns what the openai SDK throws into Majordome errors with messages a household can act on,
 * with the same codes as the Anthropic provider: model_auth, model_unavailable, model_error,
 * cancelled, worded in the reader's language where they are shown (worded-error.ts). OpenAI-compatible servers (Ollama, OpenRouter, vLLM, …) word their errors
 * differently; the one that matters most, "this model cannot call tools", is recognised by text.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import { MajordomeError, type ModelError, describeError } from '../errors.js';
import { t } from '../messages/messages.js';
import { detailIn, modelCallCancelled, reasonIn, withoutStop, wordedModelError } from './worded-error.js';

/** What the mapper needs to know about the call that failed. */
export interface FailedOpenAiCall {
  model: string;
  /** Attempts made, retries included. */
  attempts: number;
  /** Names the server in messages: "The OpenAI API" or "The model server at localhost:11434". */
  server: ModelServer;
  signal?: AbortSignal | undefined;
}

// Ollama: "… does not support tools"; vLLM: "auto" tool choice requires --enable-auto-tool-choice;
// llama.cpp, LM Studio and others: "tools are not supported", "function calling is not enabled".
const NO_TOOLS = [
  /does not support (tools|tool use|tool calling|function calling|functions)/i,
  /(tools?|tool calling|tool use|function calling|functions?) (is |are )?(not|un)(supported| supported| enabled| available)/i,
  /tool[ _]choice.*(requires|not supported)/i,
  /enable-auto-tool-choice/i,
];

/** An OpenAI-compatible server as messages name it: OpenAI's own API, the host the user configured, or a server whose address does not read. */
export type ModelServer = { kind: 'openai' } | { kind: 'host'; host: string } | { kind: 'unknown' };

/** The server's name in `language`: first in a sentence ("The OpenAI API") or inside one ("the OpenAI API"). */
export function serverName(server: ModelServer, language: string | undefined, inside = false): string {
  if (server.kind === 'host') return t(language, inside ? 'openai.server_at_in' : 'openai.server_at', { host: server.host });
  if (server.kind === 'openai') return t(language, inside ? 'openai.server_openai_in' : 'openai.server_openai');
  return t(language, inside ? 'openai.server_in' : 'openai.server');
}

/** Error codes sent inside a stream (no HTTP status) for a passing problem. */
const TRANSIENT_CODES = /server_error|overloaded|rate_limit|timeout|unavailable/i;

/** True when a refusal says the model cannot use tools. */
export function saysNoToolSupport(text: string): boolean {
  return NO_TOOLS.some((pattern) => pattern.test(text));
}

function detailOf(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : '';
}

function noTools(call: FailedOpenAiCall, err: APIError): ModelError {
  return wordedModelError('model_error', 'openai.no_tools', { model: call.model }, { status: err.status, cause: err });
}

function fromStatus(err: APIError, call: FailedOpenAiCall): ModelError {
  const status = err.status;
  const detail = detailOf(err);
  if (saysNoToolSupport(`${detail} ${err.code ?? ''}`)) return noTools(call, err);
  const about = { status, cause: err };
  const server = (language: string | undefined) => serverName(call.server, language);
  if (status === 401 || status === 403) {
    return wordedModelError('model_auth', status === 401 ? 'openai.key_refused' : 'openai.key_forbidden', (language) => ({ server: server(language), status }), about);
  }
  if (status === 429 && err.code === 'insufficient_quota') {
    // Retrying cannot help: the account has no credit left.
    return wordedModelError('model_error', 'openai.no_credit', (language) => ({ server: server(language) }), about);
  }
  if (status === 429 || (status !== undefined && status >= 500)) {
    const key = status === 429 ? 'openai.rate_limited' : status === 503 || status === 529 ? 'openai.overloaded' : 'openai.failed';
    return wordedModelError('model_unavailable', key, (language) => ({ server: server(language), status, attempts: call.attempts }), about);
  }
  if (status === 404) {
    return wordedModelError('model_error', 'model.not_found', (language) => ({ model: call.model, detail: detailIn(language, withoutStop(detail)) }), about);
  }
  if (status === undefined) {
    const kind = `${err.code ?? ''} ${err.type ?? ''}`;
    const code = TRANSIENT_CODES.test(kind) ? 'model_unavailable' : 'model_error';
    const said = (language: string | undefined) => ({ server: server(language), detail: detail || kind.trim() || t(language, 'model.unknown_error') });
    return wordedModelError(code, 'openai.stopped', said, { cause: err });
  }
  return wordedModelError('model_error', 'openai.refused', (language) => ({ server: server(language), status, detail: detailIn(language, detail, '.') }), about);
}

/** The innermost cause of a connection failure ("ECONNREFUSED", "ENOTFOUND"), which says more than "fetch failed". */
function rootCause(err: Error): string | undefined {
  let current: unknown = err.cause;
  let found: string | undefined;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    found = typeof code === 'string' ? code : current.message;
    current = current.cause;
  }
  return found;
}

/** Maps anything a provider call threw; an aborted signal always wins, whatever the SDK made of it. */
export function mapOpenAiError(err: unknown, call: FailedOpenAiCall): MajordomeError {
  if (err instanceof MajordomeError) return err;
  if (call.signal?.aborted || err instanceof APIUserAbortError) return modelCallCancelled(err);
  const cause = { cause: err };
  if (err instanceof APIConnectionTimeoutError) {
    return wordedModelError('model_unavailable', 'openai.timeout', (language) => ({ server: serverName(call.server, language), attempts: call.attempts }), cause);
  }
  if (err instanceof APIConnectionError) {
    const reason = rootCause(err);
    return wordedModelError('model_unavailable', 'openai.unreachable', (language) => ({ server_in: serverName(call.server, language, true), reason: reasonIn(language, reason) }), cause);
  }
  if (err instanceof APIError) return fromStatus(err, call);
  if (err instanceof OpenAIError) {
    return wordedModelError('model_error', 'openai.unreadable', (language) => ({ server_in: serverName(call.server, language, true), error: err.message }), cause);
  }
  return wordedModelError('model_error', 'openai.call_failed', (language) => ({ server_in: serverName(call.server, language, true), error: describeError(err) }), cause);
}
