import { pino, type Logger } from 'pino';

export type { Logger };

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

/** Creates the root logger; HA's level names map to pino's. */
export function createLogger(level: keyof typeof LEVELS = 'info', destination?: pino.DestinationStream): Logger {
  const options = {
    level: LEVELS[level],
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: undefined,
  };
  return destination ? pino(options, destination) : pino(options);
}
