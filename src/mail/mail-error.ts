import { MajordomeError, type ErrorWords } from '../errors.js';

/** What went wrong with a mail operation, for callers that branch (tests, the pool's retry). */
export type MailErrorReason =
  | 'config'
  | 'auth'
  | 'tls'
  | 'unreachable'
  | 'timeout'
  | 'connection_lost'
  | 'not_found'
  | 'refused'
  | 'too_large'
  | 'malformed'
  | 'server';

/**
 * A mail failure whose message is written for the model and the user: it names the account's
 * server and what to check, and never carries a password or a raw protocol dump.
 */
export class MailError extends MajordomeError {
  readonly reason: MailErrorReason;

  /** `words`: the same in the reader's language, for the card; the model reads `message`. */
  constructor(reason: MailErrorReason, message: string, words?: ErrorWords) {
    super(reason === 'not_found' ? 'not_found' : 'tool_failed', message, words && { words });
    this.name = 'MailError';
    this.reason = reason;
  }
}
