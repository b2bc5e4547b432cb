/**
 * Model errors worded from the message table: the English sentence is the message (the log, the
 * audit), and the same key is worded again in the reader's language when a channel shows it
 * (errors.ts, messageFor). A provider call does not know who reads its failure.
 */
import { MajordomeError, ModelError } from '../errors.js';
import { t, type MessageKey, type MessageParams } from '../messages/messages.js';

/** A sentence's values, fixed or worded per language themselves (a server's name, a detail's punctuation). */
export type WordedParams = MessageParams | ((language: string | undefined) => MessageParams);

/** The sentence of `key` in `language`, its values worded in it too. */
function wordsOf(key: MessageKey, params: WordedParams): (language: string | undefined) => string {
  return (language) => t(language, key, typeof params === 'function' ? params(language) : params);
}

/** A ModelError saying `key`: English in its message, the reader's language where it is shown. */
export function wordedModelError(
  code: ConstructorParameters<typeof ModelError>[0],
  key: MessageKey,
  params: WordedParams,
  options: { status?: number | undefined; cause?: unknown } = {},
): ModelError {
  const words = wordsOf(key, params);
  return new ModelError(code, words('en'), options.status, { cause: options.cause, words });
}

/** The model call was cancelled (the turn stopped): worded like the other model errors. */
export function modelCallCancelled(cause: unknown): MajordomeError {
  const words = wordsOf('model.cancelled', {});
  return new MajordomeError('cancelled', words('en'), { cause, words });
}

/** ": detail" in the reader's punctuation, or `otherwise` when there is none. */
export function detailIn(language: string | undefined, detail: string, otherwise = ''): string {
  return detail ? t(language, 'model.detail', { detail }) : otherwise;
}

/** " (ECONNREFUSED)", or nothing. */
export function reasonIn(language: string | undefined, reason: string | undefined): string {
  return reason ? t(language, 'model.reason', { reason }) : '';
}

/** A detail without its closing full stop, for a sentence that ends with its own. */
export function withoutStop(text: string): string {
  return text.trim().replace(/\.+$/, '');
}
