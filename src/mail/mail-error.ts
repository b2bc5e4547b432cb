import { MajordomeError } from '../errors.js';

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

  constructor(reason: MailErrorReason, message: string) {
    super(reason === 'not_found' ? 'not_found' : 'tool_failed', message);
    this.name = 'MailError';
    this.reason = reason;
  }
}
