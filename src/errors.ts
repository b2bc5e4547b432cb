/**
 * One error hierarchy for the whole server. Callers branch on `code`, never on message text;
 * `retryable` tells a channel whether "try again" is useful advice.
 */
export const ERROR_CODES = {
  config_invalid: { retryable: false },
  unauthorized: { retryable: false },
  not_found: { retryable: false },
  ha_unavailable: { retryable: true },
  ha_error: { retryable: false },
  /** A command was sent, then the connection dropped before HA answered: it may or may not have run. Never re-sent blindly. */
  ha_outcome_unknown: { retryable: false },
  model_auth: { retryable: false },
  model_unavailable: { retryable: true },
  model_error: { retryable: false },
  model_not_configured: { retryable: false },
  tool_input_invalid: { retryable: false },
  tool_failed: { retryable: false },
  policy_denied: { retryable: false },
  cancelled: { retryable: false },
  /** Too many turns of one user run at once; one ending frees a place. */
  busy: { retryable: true },
  step_limit: { retryable: false },
  /** Today's spend cap (daily_budget_usd / daily_budget_tokens) is reached; it resets at midnight. */
  budget_reached: { retryable: false },
  internal: { retryable: false },
} as const;

/** A machine-readable error code; see ERROR_CODES. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An error's sentence for a person, in their language (a language tag in, as `t()` reads it). */
export type ErrorWords = (language: string | undefined) => string;

/** The cause of an error, and its words for people when its thrower cannot know who reads it. */
export interface MajordomeErrorOptions {
  cause?: unknown;
  /** Worded when shown (messageFor); `message` stays the English the log and the audit keep. */
  words?: ErrorWords;
}

/** Root of every error Majordome throws on purpose. */
export class MajordomeError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Its sentence in the reader's language, when the thrower did not know the reader (the budget, a model provider). */
  readonly words: ErrorWords | undefined;

  constructor(code: ErrorCode, message: string, options?: MajordomeErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MajordomeError';
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.words = options?.words;
  }
}

/**
 * What a person reading `language` is told of one of our errors: its words in that language when it
 * has them, else its message (worded by a thrower that knew the reader, or English).
 */
export function messageFor(err: MajordomeError, language: string | undefined): string {
  return err.words ? err.words(language) : err.message;
}

/** A bad or missing option; the message names the option and what is wrong. */
export class ConfigError extends MajordomeError {
  constructor(message: string) {
    super('config_invalid', message);
    this.name = 'ConfigError';
  }
}

/** Home Assistant refused or failed a request; `haCode` is HA's own error code when it gave one. */
export class HaError extends MajordomeError {
  readonly haCode: string | undefined;

  constructor(code: 'ha_unavailable' | 'ha_error' | 'ha_outcome_unknown', message: string, haCode?: string, options?: MajordomeErrorOptions) {
    super(code, message, options);
    this.name = 'HaError';
    this.haCode = haCode;
  }
}

/** The model provider failed: bad key, overloaded after retries, or a refused request. */
export class ModelError extends MajordomeError {
  readonly status: number | undefined;

  constructor(
    code: 'model_auth' | 'model_unavailable' | 'model_error' | 'model_not_configured',
    message: string,
    status?: number,
    options?: MajordomeErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'ModelError';
    this.status = status;
  }
}

/** A tool input did not validate; the message is written for the model to correct itself. */
export class ToolInputError extends MajordomeError {
  constructor(message: string) {
    super('tool_input_invalid', message);
    this.name = 'ToolInputError';
  }
}

/** Turns anything thrown into a message fit for a user or the model (never a stack). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
