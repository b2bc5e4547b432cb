/**
 * Turns what @anthropic-ai/sdk throws into Majordome errors with messages a household can act
 * on, worded in the reader's language where they are shown (worded-error.ts). Callers branch on
 * the code: model_auth (fix the key), model_unavailable (try later), model_error (the request
 * itself was refused), cancelled.
 */
import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { MajordomeError, type ModelError, describeError } from '../errors.js';
import { t } from '../messages/messages.js';
import { detailIn, modelCallCancelled, reasonIn, wordedModelError } from './worded-error.js';

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
  const about = { status, cause: err };
  if (status === 401 || status === 403) {
    return wordedModelError('model_auth', status === 401 ? 'anthropic.key_refused' : 'anthropic.key_forbidden', { status }, about);
  }
  if (status === 429 || status === 529 || (status !== undefined && status >= 500)) {
    const key = status === 429 ? 'anthropic.rate_limited' : status === 529 ? 'anthropic.overloaded' : 'anthropic.failed';
    return wordedModelError('model_unavailable', key, { status, attempts: call.attempts }, about);
  }
  if (status === 404) {
    return wordedModelError('model_error', 'model.not_found', { model: call.model, detail: '' }, about);
  }
  if (status === undefined) {
    const type = err.type ?? '';
    const code = TRANSIENT_TYPES.has(type) ? 'model_unavailable' : 'model_error';
    const said = (language: string | undefined) => ({ detail: detail || type || t(language, 'model.unknown_error') });
    return wordedModelError(code, 'anthropic.stopped', said, { cause: err });
  }
  return wordedModelError('model_error', 'anthropic.refused', (language) => ({ status, detail: detailIn(language, detail, '.') }), about);
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
  if (call.signal?.aborted || err instanceof APIUserAbortError) return modelCallCancelled(err);
  if (err instanceof APIConnectionTimeoutError) {
    return wordedModelError('model_unavailable', 'anthropic.timeout', { attempts: call.attempts }, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    const reason = rootCause(err);
    return wordedModelError('model_unavailable', 'anthropic.unreachable', (language) => ({ reason: reasonIn(language, reason) }), { cause: err });
  }
  if (err instanceof APIError) return fromStatus(err, call);
  if (err instanceof AnthropicError) return wordedModelError('model_error', 'anthropic.unreadable', { error: err.message }, { cause: err });
  return wordedModelError('model_error', 'anthropic.call_failed', { error: describeError(err) }, { cause: err });
}
