import { z } from 'zod';
import { FINGERPRINT_SHAPE, normalizeFingerprint } from './tls-fingerprint.js';

/** Default Claude model: current, capable of tool use, priced for a household. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';

/** Default model on OpenAI's own API: fast, reliable with tools, cheap. Other servers need `model`. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';

/** Context budget (tokens) when `context_max_tokens` is not set: ample for a home, kind to the bill. */
export const DEFAULT_CONTEXT_MAX_TOKENS = 32_000;

/** One user price, in USD per million tokens; it overrides the built-in table for that model (and its dated versions). */
export const modelPriceSchema = z.object({
  model: z.string().trim().min(1),
  input: z.number().min(0),
  output: z.number().min(0),
  cache_read: z.number().min(0).optional(),
  cache_write: z.number().min(0).optional(),
});

/** How a mail connection is secured: implicit TLS, a STARTTLS upgrade (required), or none. */
export const mailTlsSchema = z.enum(['tls', 'starttls', 'none']);

/** A pinned server certificate: its SHA-256 fingerprint, kept in the form openssl prints (`AB:CD:…`). */
export const tlsFingerprintSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const fingerprint = normalizeFingerprint(text);
    if (fingerprint !== undefined) return fingerprint;
    ctx.issues.push({ code: 'custom', message: FINGERPRINT_SHAPE, input: text });
    return z.NEVER;
  });

/**
 * One mailbox. Ports and TLS modes may be left out (993/465 with TLS); `from` defaults to the
 * username. The password is a secret: never logged, never shown to the model. A fingerprint pins
 * the one certificate a server may present (a home server's self-signed one), instead of the
 * public certificate authorities.
 */
export const mailAccountSchema = z
  .object({
    name: z.string().trim().min(1),
    imap_host: z.string().trim().min(1),
    imap_port: z.number().int().min(1).max(65535).optional(),
    imap_tls: mailTlsSchema.optional(),
    imap_tls_fingerprint: tlsFingerprintSchema.optional(),
    smtp_host: z.string().trim().min(1),
    smtp_port: z.number().int().min(1).max(65535).optional(),
    smtp_tls: mailTlsSchema.optional(),
    smtp_tls_fingerprint: tlsFingerprintSchema.optional(),
    username: z.string().trim().min(1),
    password: z.string().min(1),
    from: z.string().trim().regex(/@/, 'must be an e-mail address such as "Anna <anna@example.com>"').optional(),
  })
  .superRefine((account, ctx) => {
    // A pin without TLS would read as "secured" while everything crosses the network in clear.
    for (const side of ['imap', 'smtp'] as const) {
      if (account[`${side}_tls_fingerprint`] !== undefined && account[`${side}_tls`] === 'none') {
        ctx.addIssue({ code: 'custom', path: [`${side}_tls_fingerprint`], message: `pins a certificate, so ${side}_tls must be "tls" or "starttls", not "none"` });
      }
    }
  });

/** One mail account as written in the options. */
export type MailAccountOptions = z.infer<typeof mailAccountSchema>;

/**
 * The add-on options (`/data/options.json`). Names are a public contract (DESIGN.md); every option
 * has a default or is optional, mirrored in config.yaml and both translations.
 * Unknown keys are ignored so an older server can read a newer options file.
 */
export const optionsSchema = z.object({
  llm_provider: z.enum(['anthropic', 'openai']).default('anthropic'),
  anthropic_api_key: z.string().trim().optional(),
  /** Optional for servers that need none (Ollama); the OPENAI_BASE_URL environment variable is the default endpoint. */
  openai_api_key: z.string().trim().optional(),
  openai_base_url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "http://192.168.1.20:11434/v1"' }))
    .optional(),
  model: z.string().trim().min(1).optional(),
  fallback_model: z.string().trim().min(1).optional(),
  /** With llm_provider "openai": the model reads images (browser screenshots); many local models do not. */
  openai_vision: z.boolean().default(false),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as "en" or "fr"')
    .default('en'),
  log_level: z.enum(['debug', 'info', 'warning', 'error']).default('info'),
  entity_access: z.enum(['exposed', 'all']).default('exposed'),
  max_steps: z.number().int().min(1).max(50).default(12),
  /** User policy rules; `match` is checked by the policy at start-up (src/policy/rules/rule-syntax.ts). */
  rules: z
    .array(
      z.object({
        effect: z.enum(['allow', 'ask', 'deny']),
        tool: z.string().trim().min(1),
        match: z.string().trim().optional(),
      }),
    )
    .default([]),
  /** HA user ids or usernames who may approve (HA administrators always may). */
  approvers: z.array(z.string().trim().min(1)).default([]),
  approval_timeout_min: z.number().int().min(1).max(1440).default(10),
  /** Notify services that get phone approvals (`mobile_app_pixel_7`; a `notify.` prefix is dropped). */
  approval_notify: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(notify\.)?[a-z0-9_]+$/, 'must be a notify service name such as "mobile_app_pixel_7"')
        .transform((name) => name.replace(/^notify\./, '')),
    )
    .default([]),
  /** Spend caps for the home's calendar day; calls stop with budget_reached once either is reached. */
  daily_budget_usd: z.number().positive().optional(),
  daily_budget_tokens: z.number().int().min(1000).max(1_000_000_000).optional(),
  model_prices: z.array(modelPriceSchema).default([]),
  /** Older turns are summarised before a request would pass this many tokens (estimated). */
  context_max_tokens: z.number().int().min(2000).max(2_000_000).optional(),
  /** The shell tool (shell_run) exists only when this is on. */
  shell_enabled: z.boolean().default(false),
  /**
   * Folders commands may start in; the first is the default. `/config` is the add-on's own folder
   * (map `addon_config`): nothing else of the home is there unless the user puts it there.
   */
  shell_roots: z
    .array(z.string().trim().regex(/^\//, 'must be an absolute folder such as "/share"'))
    .default(['/config']),
  shell_timeout_s: z.number().int().min(1).max(3600).default(30),
  /** `bwrap`: commands run in bubblewrap (read-only system, writable roots, no network). */
  shell_sandbox: z.enum(['none', 'bwrap']).default('none'),
  /** Scheduled runs missed while Majordome was down: `run_once` catches up with one run, `skip` waits for the next. */
  task_missed_runs: z.enum(['skip', 'run_once']).default('run_once'),
  /**
   * This instance's name when several Majordome instances share one HA: a `majordome_request` whose
   * `instance` names another is left to it; one naming none is answered by every instance.
   */
  instance_name: z.string().trim().min(1).max(60).optional(),
  /** How long a request waits for a lost connection to HA to come back (an HA restart) before it fails. */
  ha_reconnect_wait_s: z.number().int().min(1).max(300).default(10),
  mail_accounts: z
    .array(mailAccountSchema)
    .default([])
    .refine((accounts) => new Set(accounts.map((a) => a.name.toLowerCase())).size === accounts.length, 'account names must be unique'),
  /** The headless browser (browser_* tools); off until the user turns it on. */
  browser_enabled: z.boolean().default(false),
  /** Lets the browser open pages in the home network and on this machine (refused by default). */
  browser_allow_private: z.boolean().default(false),
  /** Minutes without use before Chromium is closed (its profile and cookies stay). */
  browser_idle_min: z.number().int().min(1).max(1440).default(10),
  /** Telegram bot (long polling); off without a token. */
  telegram_bot_token: z.string().trim().min(1).optional(),
  /** Chat ids that may talk to the bot; other chats can be paired from the panel. */
  telegram_allowed_chats: z.array(z.string().trim().regex(/^-?\d+$/, 'must be a Telegram chat id such as "123456789"')).default([]),
  /** `"telegram_user_id=ha_user"` (HA user id or username): who a Telegram user is in HA; unmapped users never approve. */
  telegram_users: z.array(z.string().trim().regex(/^\d+=\S+$/, 'must be "telegram_user_id=ha_user" such as "123456789=alice"')).default([]),
  /** Slack app in Socket Mode: both tokens needed (bot `xoxb-…`, app-level `xapp-…`). */
  slack_bot_token: z.string().trim().min(1).optional(),
  slack_app_token: z.string().trim().min(1).optional(),
  /** Slack member ids (`U…`) that may talk to Majordome. */
  slack_allowed_users: z.array(z.string().trim().regex(/^[A-Z0-9]+$/, 'must be a Slack member id such as "U012ABCDEF"')).default([]),
  /** Slack channel ids (`C…`) where mentions are answered; direct messages need none. */
  slack_allowed_channels: z.array(z.string().trim().regex(/^[A-Z0-9]+$/, 'must be a Slack channel id such as "C012ABCDEF"')).default([]),
  /** `"slack_member_id=ha_user"`: who a Slack user is in HA; unmapped users never approve. */
  slack_users: z.array(z.string().trim().regex(/^[A-Z0-9]+=\S+$/, 'must be "slack_member_id=ha_user" such as "U012ABCDEF=alice"')).default([]),
});

/** Validated add-on options. */
export type Options = z.infer<typeof optionsSchema>;
