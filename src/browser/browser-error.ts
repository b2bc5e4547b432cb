import { MajordomeError } from '../errors.js';

/** What went wrong in the browser, for callers that branch (the HTTP routes, tests). */
export type BrowserErrorReason = 'unavailable' | 'refused' | 'unreachable' | 'timeout' | 'stale_ref' | 'action_failed' | 'bad_input';

/** A browser failure whose message is written for the model and the user. */
export class BrowserError extends MajordomeError {
  readonly reason: BrowserErrorReason;

  constructor(reason: BrowserErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason === 'bad_input' ? 'tool_input_invalid' : reason === 'refused' ? 'policy_denied' : 'tool_failed', message, options);
    this.name = 'BrowserError';
    this.reason = reason;
  }
}
