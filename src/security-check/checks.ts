/**
 * The security self-check: each check reads the facts snapshot and says pass, warn or fail, with
 * the sentence (a key of messages.ts) that tells what it found and how to fix it. Pure: the
 * facts are gathered elsewhere (gather-facts.ts), so every check is tested on plain data.
 */
import { isIP } from 'node:net';
import type { SecurityFacts } from './facts.js';
import { isPlainHttpToRemote, isPublicIp } from './local-address.js';
import type { CheckId, MessageKey, MessageParams } from './messages.js';
import { rulesAllowingAnyOutbound, rulesOpeningGuarded, rulesSavingConfigs } from './rule-coverage.js';

/** How a check came out: `fail` is a way in or a leak, `warn` a risk worth a look. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** What one check found. */
export interface CheckOutcome {
  status: CheckStatus;
  message: MessageKey;
  params?: MessageParams;
}

/** One check of the list. */
export interface SecurityCheck {
  id: CheckId;
  run(facts: SecurityFacts): CheckOutcome;
}

/** A check's outcome, tagged with the check. */
export type CheckResult = CheckOutcome & { id: CheckId };

/** The add-on's ingress proxy: a standalone install that still trusts it trusts whoever holds it. */
export const ADDON_INGRESS_PROXY = '172.30.32.2';

const LOOPBACK = new Set(['127.0.0.1', '::1']);
const DAY_MS = 86_400_000;
const TOKEN_MAX_DAYS = 365;

const pass = (message: MessageKey, params?: MessageParams): CheckOutcome => ({ status: 'pass', message, ...(params && { params }) });
const warn = (message: MessageKey, params?: MessageParams): CheckOutcome => ({ status: 'warn', message, ...(params && { params }) });
const fail = (message: MessageKey, params?: MessageParams): CheckOutcome => ({ status: 'fail', message, ...(params && { params }) });

/** A short list for a sentence: the first few items, then how many more. */
export function listForSentence(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max})` : shown;
}

/** The checks, in the order they are shown within a status. */
export const SECURITY_CHECKS: readonly SecurityCheck[] = [
  {
    id: 'shell_sandbox',
    run: ({ options }) => {
      if (!options.shell_enabled) return pass('shell_off');
      return options.shell_sandbox === 'none' ? warn('shell_unsandboxed') : pass('shell_sandboxed');
    },
  },
  {
    id: 'shell_sandbox_works',
    run: ({ sandbox }) => {
      if (sandbox.kind === 'broken') return warn('sandbox_broken', { reason: sandbox.reason });
      return sandbox.kind === 'works' ? pass('sandbox_works') : pass('sandbox_unused');
    },
  },
  {
    id: 'browser_private',
    run: ({ options }) => {
      if (!options.browser_enabled) return pass('browser_off');
      return options.browser_allow_private ? warn('browser_private') : pass('browser_public_only');
    },
  },
  {
    id: 'risky_rules',
    run: ({ userRules, homeEntities }) => {
      const sources = rulesOpeningGuarded(userRules, homeEntities);
      return sources.length > 0 ? fail('risky_rules', { rules: listForSentence(sources) }) : pass('risky_rules_none');
    },
  },
  {
    id: 'automation_rules',
    run: ({ userRules }) => {
      const sources = rulesSavingConfigs(userRules);
      return sources.length > 0 ? fail('automation_rules', { rules: listForSentence(sources) }) : pass('automation_rules_none');
    },
  },
  {
    id: 'outbound_rules',
    run: ({ userRules }) => {
      const sources = rulesAllowingAnyOutbound(userRules);
      return sources.length > 0 ? warn('outbound_rules', { rules: listForSentence(sources) }) : pass('outbound_rules_none');
    },
  },
  {
    id: 'entity_access',
    run: ({ options }) => (options.entity_access === 'all' ? warn('entity_access_all') : pass('entity_access_exposed')),
  },
  {
    id: 'assist_exposure',
    run: ({ homeEntities }) => {
      if (!homeEntities) return warn('assist_exposure_unknown');
      const exposed = homeEntities.filter((e) => e.exposed && /^(lock|alarm_control_panel)\./.test(e.entityId)).map((e) => e.entityId);
      return exposed.length > 0 ? warn('assist_exposure', { entities: listForSentence(exposed) }) : pass('assist_exposure_none');
    },
  },
  {
    id: 'approval_phone',
    run: ({ options }) =>
      options.approval_notify.length > 0 ? pass('approval_phone_set', { services: listForSentence(options.approval_notify) }) : warn('approval_phone'),
  },
  {
    id: 'run_as_root',
    run: ({ uid, mode }) => {
      if (uid !== 0) return pass('not_root');
      return warn(mode === 'addon' ? 'root_addon' : 'root_standalone');
    },
  },
  {
    id: 'data_files',
    run: ({ dataDirMode, dataFiles }) => {
      // A data folder others cannot enter keeps every file in it private, whatever its own bits.
      if (dataDirMode !== undefined && (dataDirMode & 0o001) === 0) return pass('data_files_private');
      const readable = dataFiles.filter((file) => (file.mode & 0o004) !== 0).map((file) => file.name);
      return readable.length > 0 ? warn('data_files_readable', { files: listForSentence(readable) }) : pass('data_files_private');
    },
  },
  {
    id: 'telegram_allowlist',
    run: ({ options }) => {
      if (!options.telegram_bot_token) return pass('telegram_off');
      return options.telegram_allowed_chats.length > 0 ? pass('telegram_listed') : warn('telegram_unlisted');
    },
  },
  {
    id: 'slack_allowlist',
    run: ({ options }) => {
      if (!options.slack_bot_token || !options.slack_app_token) return pass('slack_off');
      return options.slack_allowed_users.length > 0 ? pass('slack_listed') : warn('slack_unlisted');
    },
  },
  {
    id: 'daily_budget',
    run: ({ options }) => (options.daily_budget_usd !== undefined || options.daily_budget_tokens !== undefined ? pass('budget_set') : warn('budget_missing')),
  },
  {
    id: 'ha_token_age',
    run: ({ mode, haTokenIssuedAt, now }) => {
      if (mode === 'addon') return pass('token_addon');
      if (!haTokenIssuedAt) return pass('token_unknown');
      const days = Math.floor((now.getTime() - haTokenIssuedAt.getTime()) / DAY_MS);
      return days > TOKEN_MAX_DAYS ? warn('token_old', { days }) : pass('token_young');
    },
  },
  {
    id: 'ha_token_admin',
    run: ({ mode, haTokenAdmin }) => {
      if (mode === 'addon') return pass('token_admin_addon');
      if (haTokenAdmin === undefined) return warn('token_admin_unknown');
      return haTokenAdmin ? pass('token_admin') : fail('token_not_admin');
    },
  },
  {
    id: 'trusted_proxies_default',
    run: ({ mode, trustedProxies }) => {
      if (mode === 'addon') return pass('proxies_addon');
      if (trustedProxies.includes(ADDON_INGRESS_PROXY)) return fail('proxies_default');
      return pass('proxies_own', { proxies: listForSentence(trustedProxies) });
    },
  },
  {
    id: 'trusted_proxies_public',
    run: ({ trustedProxies }) => {
      const publicOnes = trustedProxies.filter((address) => isIP(address) !== 0 && isPublicIp(address));
      return publicOnes.length > 0 ? fail('proxies_public', { addresses: listForSentence(publicOnes) }) : pass('proxies_private');
    },
  },
  {
    id: 'wyoming_peers',
    run: ({ wyoming }) => {
      if (!wyoming) return pass('wyoming_off');
      const home = new Set(wyoming.home);
      const others = wyoming.allowed.filter((peer) => !home.has(peer) && !LOOPBACK.has(peer));
      return others.length > 0 ? warn('wyoming_open', { peers: listForSentence(others) }) : pass('wyoming_home_only');
    },
  },
  {
    id: 'model_http',
    run: ({ modelBaseUrl }) => (modelBaseUrl && isPlainHttpToRemote(modelBaseUrl) ? fail('model_http', { url: modelBaseUrl }) : pass('model_secure')),
  },
  {
    id: 'ha_http',
    run: ({ mode, haUrl }) => {
      if (mode === 'addon') return pass('ha_addon');
      return isPlainHttpToRemote(haUrl) ? warn('ha_http', { url: haUrl }) : pass('ha_secure');
    },
  },
  {
    id: 'log_level',
    run: ({ options }) => (options.log_level === 'debug' ? warn('log_level_debug') : pass('log_level_ok', { level: options.log_level })),
  },
  {
    id: 'mail_tls',
    run: ({ options }) => {
      if (options.mail_accounts.length === 0) return pass('mail_off');
      const plain = options.mail_accounts.filter((a) => a.imap_tls === 'none' || a.smtp_tls === 'none').map((a) => a.name);
      if (plain.length > 0) return fail('mail_plain', { accounts: listForSentence(plain) });
      // A pinned certificate is TLS too (a fingerprint with "none" is a config error): say which, so it is a choice seen.
      const pinned = options.mail_accounts.filter((a) => a.imap_tls_fingerprint !== undefined || a.smtp_tls_fingerprint !== undefined).map((a) => a.name);
      return pinned.length > 0 ? pass('mail_encrypted_pinned', { accounts: listForSentence(pinned) }) : pass('mail_encrypted');
    },
  },
];

const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2 };

/** Runs every check; failures first, then warnings, then passes, each in list order. */
export function runSecurityChecks(facts: SecurityFacts, checks: readonly SecurityCheck[] = SECURITY_CHECKS): CheckResult[] {
  const results = checks.map((check) => ({ id: check.id, ...check.run(facts) }));
  return results.map((result, index) => ({ result, index })).sort((a, b) => RANK[a.result.status] - RANK[b.result.status] || a.index - b.index).map(({ result }) => result);
}
