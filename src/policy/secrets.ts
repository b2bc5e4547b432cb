/**
 * Secret redaction: the configured secrets (model keys, the HA or Supervisor token, mail
 * passwords, bot tokens) and strings shaped like secrets (API keys, JWTs, `Bearer …`, PEM private
 * keys) are replaced with `[redacted]` before text reaches the model, the chat, the audit log or
 * the logs. Built once from the config by main.ts and passed to whoever writes text out.
 */
import type { Config } from '../config/config.js';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Replaces secrets in text and in JSON-like values. */
export interface SecretRedactor {
  /** The text with every known secret and secret-shaped string replaced. */
  redactText(text: string): string;
  /** A copy of a JSON-like value with every string (keys included) redacted; other values are kept. */
  redactValue<T>(value: T): T;
  /** Whether the text holds a secret. */
  contains(text: string): boolean;
}

/**
 * Configured secrets shorter than this are not matched: replacing "1234" everywhere would mangle
 * ordinary output (temperatures, ids) while hiding little.
 */
export const MIN_SECRET_LENGTH = 6;

/** Shapes of secrets, whether configured or not. */
const SECRET_SHAPES: readonly RegExp[] = [
  /-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?-----END[A-Z ]*PRIVATE KEY-----/,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/,
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/,
  // JWTs, such as Home Assistant's long-lived access tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bxapp-[A-Za-z0-9-]{10,}/,
  /\b\d{8,10}:[A-Za-z0-9_-]{35}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{36,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bAIza[0-9A-Za-z_-]{35}/,
];

/** `Authorization: Bearer …`, any case; the word stays, the credential goes. */
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi;

/** Option names that hold secrets, wherever they sit (`anthropic_api_key`, `mail_accounts[].password`, `slack_bot_token`). */
const SECRET_OPTION = /(^|_)(api_key|key|token|password|secret)$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes in text: as is, inside a JSON string, inside a URL. */
function variants(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

function replaceMatch(match: string): string {
  return `${match.split(/\s+/, 1)[0] ?? 'Bearer'} ${REDACTED}`;
}

/** Builds a redactor for these configured secrets (plus the built-in shapes). */
export function createSecretRedactor(secrets: Iterable<string | undefined>): SecretRedactor {
  const literals = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.trim().length >= MIN_SECRET_LENGTH))]
    .flatMap(variants)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  // Longest literals first, so a secret that contains another is replaced whole.
  const find = new RegExp([...literals, ...SECRET_SHAPES.map((shape) => shape.source)].join('|'), 'g');
  const probe = new RegExp(find.source);
  const probeBearer = new RegExp(BEARER.source, 'i');

  const redactText = (text: string): string => {
    if (text.length < MIN_SECRET_LENGTH) return text;
    return text.replace(find, REDACTED).replace(BEARER, replaceMatch);
  };
  const redactValue = <T>(value: T): T => redactDeep(value, redactText, new WeakSet()) as T;
  return { redactText, redactValue, contains: (text) => probe.test(text) || probeBearer.test(text) };
}

function redactDeep(value: unknown, redact: (text: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, seen));
  if (value instanceof Error) {
    const copy = new Error(redact(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redact(value.stack);
    return copy;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item, redact, seen)]));
}

/** Every string under an option whose name says it is secret, at any depth. */
function secretOptions(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_OPTION.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => secretOptions(item, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => secretOptions(v, k));
  return [];
}

/** The configured secrets: HA and Supervisor tokens and every secret-named option (keys, tokens, passwords). */
export function secretsFromConfig(config: Pick<Config, 'ha' | 'options'> & Partial<Pick<Config, 'supervisor'>>): string[] {
  return [config.ha.token, ...(config.supervisor ? [config.supervisor.token] : []), ...secretOptions(config.options)];
}

/** The redactor for a config (main.ts builds it once). */
export function createConfigRedactor(config: Pick<Config, 'ha' | 'options'> & Partial<Pick<Config, 'supervisor'>>): SecretRedactor {
  return createSecretRedactor(secretsFromConfig(config));
}
