/**
 * Turns what @anthropic-ai/sdk throws into Majordome errors with messages a household can act
 * on. Callers branch on the code: model_auth (fix the key), model_unavailable (try later),
 * model_error (the request itself was refused), cancelled.
 */
import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { MajordomeError, ModelError, describeError } from '../errors.js';

/** What the mapper needs to know about the call that failed. */
export interface FailedCall {
  model: string;
  /** Attempts made, retries included. */
  attempts: number;
  signal?: AbortSignal | undefined;
}

/** Error types the API also sends inside a stream (no HTTP status) for a passing overload. */
const TRANSIENT_TYPES = new Set(['overloaded_error', 'rate_limit_error', 'api_error', 'timeout_error']);

function fromStatus(err: APIError, call: FailedCall): ModelError {
  const status = err.status;
  const detail = err.apiMessage ?? '';
  if (status === 401 || status === 403) {
    const what = status === 401 ? 'was refused' : 'is not allowed to do this';
    return new ModelError('model_auth', `The Anthropic API key ${what} (${status}). Check anthropic_api_key in the add-on options.`, status, { cause: err });
  }
  if (status === 429 || status === 529 || (status !== undefined && status >= 500)) {
    const why = status === 429 ? 'is rate-limiting this key' : status === 529 ? 'is overloaded' : 'failed';
    return new ModelError(
      'model_unavailable',
      `The Anthropic API ${why} (${status}) after ${call.attempts} attempts. Try again in a minute.`,
      status,
      { cause: err },
    );
  }
  if (status === 404) {
    return new ModelError('model_error', `The model "${call.model}" was not found (404). Check the model option.`, status, { cause: err });
  }
  if (status === undefined) {
    const type = err.type ?? '';
    const code = TRANSIENT_TYPES.has(type) ? 'model_unavailable' : 'model_error';
    return new ModelError(code, `The Anthropic API stopped the answer: ${detail || type || 'unknown error'}.`, undefined, { cause: err });
  }
  return new ModelError('model_error', `The Anthropic API refused the request (${status})${detail ? `: ${detail}` : '.'}`, status, { cause: err });
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
export function mapAnthropicError(err: unknown, call: FailedCall): MajordomeError {
  if (err instanceof MajordomeError) return err;
  if (call.signal?.aborted || err instanceof APIUserAbortError) {
    return new MajordomeError('cancelled', 'The request to the model was cancelled.', { cause: err });
  }
  if (err instanceof APIConnectionTimeoutError) {
    return new ModelError('model_unavailable', `The Anthropic API did not answer in time (${call.attempts} attempts).`, undefined, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    const reason = rootCause(err);
    return new ModelError('model_unavailable', `Could not reach the Anthropic API${reason ? ` (${reason})` : ''}.`, undefined, { cause: err });
  }
  if (err instanceof APIError) return fromStatus(err, call);
  if (err instanceof AnthropicError) {
    return new ModelError('model_error', `The Anthropic answer could not be read: ${err.message}`, undefined, { cause: err });
  }
  return new ModelError('model_error', `The Anthropic call failed: ${describeError(err)}`, undefined, { cause: err });
}
