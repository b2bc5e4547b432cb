import { pino, type Logger } from 'pino';

export type { Logger };

/** What the logger needs to hide secret values (src/policy/secrets.ts's SecretRedactor fits). */
export interface LogRedactor {
  redactText(text: string): string;
  redactValue<T>(value: T): T;
}

/** Paths pino must never print: tokens, keys and passwords wherever they appear in a log object. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  'anthropic_api_key',
  '*.anthropic_api_key',
  'openai_api_key',
  '*.openai_api_key',
  'apiKey',
  '*.apiKey',
];

const LEVELS = { debug: 'debug', info: 'info', warning: 'warn', error: 'error', silent: 'silent' } as const;

/**
 * Creates the root logger; HA's level names map to pino's. With `secrets`, every finished line is
 * scanned for secret values too (the redact paths only know key names).
 */
export function createLogger(level: keyof typeof LEVELS = 'info', destination?: pino.DestinationStream, secrets?: LogRedactor): Logger {
  const options = {
    level: LEVELS[level],
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: undefined,
    ...(secrets && { hooks: { streamWrite: (line: string) => secrets.redactText(line) } }),
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A child logger that redacts secret values in every logged object, for a logger made elsewhere
 * (tests, the bench): a second line behind createLogger's `secrets`, which also covers messages.
 */
export function withSecretRedaction(logger: Logger, secrets: LogRedactor): Logger {
  return logger.child({}, { formatters: { log: (object: object) => secrets.redactValue(object) } });
}
