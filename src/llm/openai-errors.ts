/**
 * Turns what the openai SDK throws into Majordome errors with messages a household can act on,
 * with the same codes as the Anthropic provider: model_auth, model_unavailable, model_error,
 * cancelled. OpenAI-compatible servers (Ollama, OpenRouter, vLLM, …) word their errors
 * differently; the one that matters most, "this model cannot call tools", is recognised by text.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import { MajordomeError, ModelError, describeError } from '../errors.js';

/** What the mapper needs to know about the call that failed. */
export interface FailedOpenAiCall {
  model: string;
  /** Attempts made, retries included. */
  attempts: number;
  /** Names the server in messages: "The OpenAI API" or "The model server at localhost:11434". */
  label: string;
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
  return new ModelError('model_error', `The model ${call.model} cannot call tools; pick a model with tool support.`, err.status, { cause: err });
}

function fromStatus(err: APIError, call: FailedOpenAiCall): ModelError {
  const status = err.status;
  const detail = detailOf(err);
  if (saysNoToolSupport(`${detail} ${err.code ?? ''}`)) return noTools(call, err);
  if (status === 401 || status === 403) {
    const what = status === 401 ? 'was refused' : 'is not allowed to do this';
    return new ModelError('model_auth', `${call.label}: the API key ${what} (${status}). Check openai_api_key in the add-on options.`, status, { cause: err });
  }
  if (status === 429 && err.code === 'insufficient_quota') {
    // Retrying cannot help: the account has no credit left.
    return new ModelError('model_error', `${call.label}: the account has no credit left (insufficient_quota). Check the plan and billing of this key.`, status, {
      cause: err,
    });
  }
  if (status === 429 || (status !== undefined && status >= 500)) {
    const why = status === 429 ? 'is rate-limiting this key' : status === 503 || status === 529 ? 'is overloaded' : 'failed';
    return new ModelError('model_unavailable', `${call.label} ${why} (${status}) after ${call.attempts} attempts. Try again in a minute.`, status, {
      cause: err,
    });
  }
  if (status === 404) {
    return new ModelError('model_error', `The model "${call.model}" was not found (404)${detail ? `: ${detail}` : ''}. Check the model option.`, status, {
      cause: err,
    });
  }
  if (status === undefined) {
    const kind = `${err.code ?? ''} ${err.type ?? ''}`;
    const code = TRANSIENT_CODES.test(kind) ? 'model_unavailable' : 'model_error';
    return new ModelError(code, `${call.label} stopped the answer: ${detail || kind.trim() || 'unknown error'}.`, undefined, { cause: err });
  }
  return new ModelError('model_error', `${call.label} refused the request (${status})${detail ? `: ${detail}` : '.'}`, status, { cause: err });
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
  if (call.signal?.aborted || err instanceof APIUserAbortError) {
    return new MajordomeError('cancelled', 'The request to the model was cancelled.', { cause: err });
  }
  if (err instanceof APIConnectionTimeoutError) {
    return new ModelError('model_unavailable', `${call.label} did not answer in time (${call.attempts} attempts).`, undefined, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    const reason = rootCause(err);
    return new ModelError('model_unavailable', `Could not reach ${lowerFirst(call.label)}${reason ? ` (${reason})` : ''}.`, undefined, { cause: err });
  }
  if (err instanceof APIError) return fromStatus(err, call);
  if (err instanceof OpenAIError) {
    return new ModelError('model_error', `The answer of ${lowerFirst(call.label)} could not be read: ${err.message}`, undefined, { cause: err });
  }
  return new ModelError('model_error', `The call to ${lowerFirst(call.label)} failed: ${describeError(err)}`, undefined, { cause: err });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
