import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../src/policy/rules/rule-syntax.js';
import { runSecurityChecks, SECURITY_CHECKS, type CheckResult } from '../../../src/security-check/checks.js';
import type { SecurityFacts } from '../../../src/security-check/facts.js';
import type { CheckId } from '../../../src/security-check/messages.js';
import { rules, safeFacts } from './support.js';

function check(id: CheckId, facts: SecurityFacts): CheckResult {
  const found = runSecurityChecks(facts).find((result) => result.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('the security self-check', () => {
  it('has 23 checks, and a careful home passes every one', () => {
    expect(SECURITY_CHECKS.length).toBe(23);
    expect(new Set(SECURITY_CHECKS.map((c) => c.id)).size).toBe(SECURITY_CHECKS.length);
    const notPassing = runSecurityChecks(safeFacts()).filter((r) => r.status !== 'pass');
    expect(notPassing).toEqual([]);
  });

  it('lists failures first, then warnings, then passes', () => {
    const results = runSecurityChecks(safeFacts({ uid: 0 }, { log_level: 'debug', mail_accounts: [plainMail] }));
    const statuses = results.map((r) => r.status);
    expect(statuses.slice(0, 3)).toEqual(['fail', 'warn', 'warn']);
    expect(statuses.indexOf('pass')).toBe(3);
    expect(results[0]?.id).toBe('mail_tls');
  });
});

const plainMail = { name: 'home', imap_host: 'imap.example.com', smtp_host: 'smtp.example.com', username: 'anna', password: 'x', imap_tls: 'none' };

describe('each check', () => {
  it('shell_sandbox: a shell without sandbox warns; with bwrap or off it passes', () => {
    expect(check('shell_sandbox', safeFacts({}, { shell_enabled: true, shell_sandbox: 'none' }))).toMatchObject({ status: 'warn', message: 'shell_unsandboxed' });
    expect(check('shell_sandbox', safeFacts({}, { shell_enabled: true, shell_sandbox: 'bwrap' }))).toMatchObject({ status: 'pass', message: 'shell_sandboxed' });
    expect(check('shell_sandbox', safeFacts())).toMatchObject({ status: 'pass', message: 'shell_off' });
  });

  it('shell_sandbox_works: a sandbox that cannot start warns and says why', () => {
    const broken = check('shell_sandbox_works', safeFacts({ sandbox: { kind: 'broken', reason: 'bwrap: No permissions to creating new namespace' } }));
    expect(broken).toMatchObject({ status: 'warn', message: 'sandbox_broken', params: { reason: 'bwrap: No permissions to creating new namespace' } });
    expect(check('shell_sandbox_works', safeFacts({ sandbox: { kind: 'works' } }))).toMatchObject({ status: 'pass', message: 'sandbox_works' });
  });

  it('browser_private: private addresses allowed warns only when the browser is on', () => {
    expect(check('browser_private', safeFacts({}, { browser_enabled: true, browser_allow_private: true })).status).toBe('warn');
    expect(check('browser_private', safeFacts({}, { browser_enabled: true })).status).toBe('pass');
    expect(check('browser_private', safeFacts({}, { browser_allow_private: true })).message).toBe('browser_off');
  });

  it('risky_rules: an allow rule covering unlocks, disarming or a garage door fails, naming the rule', () => {
    for (const match of ['domain=lock', 'domain=lock service=unlock entity_id=lock.front_door', 'domain=alarm_control_panel', 'entity_id=cover.garage_door', 'domain=cover']) {
      const result = check('risky_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: 'ha_call_service', match }) }));
      expect(result, match).toMatchObject({ status: 'fail', params: { rules: 'option rules[0]' } });
    }
    const saved = parseRule({ effect: 'allow', tool: 'ha_*', match: 'entity_id=lock.*' }, 'saved rule 7', 'saved rule 7');
    expect(check('risky_rules', safeFacts({ userRules: [saved] })).params).toEqual({ rules: 'saved rule 7' });
  });

  it('risky_rules: rules that only lock, only touch blinds, or that the user also asks about pass', () => {
    const harmless = rules(
      { effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=lock' },
      { effect: 'allow', tool: 'ha_call_service', match: 'entity_id=cover.living_room_blinds' },
      { effect: 'allow', tool: 'ha_call_service', match: 'domain=light' },
      { effect: 'allow', tool: 'ha_call_service', match: 'entity_id=lock.shed' },
    );
    expect(check('risky_rules', safeFacts({ userRules: harmless })).status).toBe('pass');
    // A deny in the same layer beats the allow, as the policy decides.
    const overruled = rules({ effect: 'allow', tool: 'ha_call_service', match: 'domain=alarm_control_panel' }, { effect: 'ask', tool: 'ha_call_service', match: 'service=alarm_disarm' });
    expect(check('risky_rules', safeFacts({ userRules: overruled })).status).toBe('pass');
  });

  it('risky_rules: before HA has answered, a rule naming a lock is taken at its word', () => {
    const named = rules({ effect: 'allow', tool: 'ha_call_service', match: 'entity_id=lock.shed' });
    expect(check('risky_rules', safeFacts({ userRules: named, homeEntities: undefined })).status).toBe('fail');
  });

  it('automation_rules: an allow rule that lets an automation or a script be saved without a yes fails, naming the rule', () => {
    for (const rule of [
      { effect: 'allow', tool: '*', match: 'effect=write' },
      { effect: 'allow', tool: 'ha_*' },
      { effect: 'allow', tool: 'ha_save_automation' },
      { effect: 'allow', tool: 'ha_restore_*', match: 'entity_domain=script' },
    ] as const) {
      expect(check('automation_rules', safeFacts({ userRules: rules(rule) })), JSON.stringify(rule)).toMatchObject({ status: 'fail', message: 'automation_rules', params: { rules: 'option rules[0]' } });
    }
    const narrow = rules({ effect: 'allow', tool: 'ha_call_service', match: 'domain=light' }, { effect: 'allow', tool: 'ha_get_automation' }, { effect: 'ask', tool: 'ha_save_*' }, { effect: 'ask', tool: 'ha_restore_*' }, { effect: 'allow', tool: '*', match: 'effect=write' });
    expect(check('automation_rules', safeFacts({ userRules: narrow }))).toMatchObject({ status: 'pass', message: 'automation_rules_none' });
  });

  it('outbound_rules: an allow rule letting any command or any e-mail through warns; a narrow one passes', () => {
    expect(check('outbound_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: 'shell_run' }) }))).toMatchObject({ status: 'warn', params: { rules: 'option rules[0]' } });
    expect(check('outbound_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: 'shell_run', match: 'command=*' }) })).status).toBe('warn');
    expect(check('outbound_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: '*', match: 'effect=external' }) })).status).toBe('warn');
    expect(check('outbound_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: 'mail_send', match: 'to=*@example.com' }) })).status).toBe('pass');
    expect(check('outbound_rules', safeFacts({ userRules: rules({ effect: 'allow', tool: 'shell_run', match: 'command="df*"' }) })).status).toBe('pass');
  });

  it('entity_access: "all" warns', () => {
    expect(check('entity_access', safeFacts({}, { entity_access: 'all' })).status).toBe('warn');
    expect(check('entity_access', safeFacts()).status).toBe('pass');
  });

  it('assist_exposure: a lock or an alarm panel exposed to Assist warns, naming it; unknown exposure warns', () => {
    const home = [
      { entityId: 'lock.front_door', deviceClass: undefined, accessible: true, exposed: true },
      { entityId: 'alarm_control_panel.home', deviceClass: undefined, accessible: false, exposed: true },
      { entityId: 'light.kitchen', deviceClass: undefined, accessible: true, exposed: true },
    ];
    expect(check('assist_exposure', safeFacts({ homeEntities: home }))).toMatchObject({ status: 'warn', params: { entities: 'lock.front_door, alarm_control_panel.home' } });
    expect(check('assist_exposure', safeFacts({ homeEntities: undefined }))).toMatchObject({ status: 'warn', message: 'assist_exposure_unknown' });
    expect(check('assist_exposure', safeFacts()).status).toBe('pass');
  });

  it('approval_phone: no approval_notify warns', () => {
    expect(check('approval_phone', safeFacts({}, { approval_notify: [] })).status).toBe('warn');
    expect(check('approval_phone', safeFacts())).toMatchObject({ status: 'pass', params: { services: 'mobile_app_pixel_7' } });
  });

  it('run_as_root: uid 0 warns, with advice for the add-on or standalone', () => {
    expect(check('run_as_root', safeFacts({ uid: 0 }))).toMatchObject({ status: 'warn', message: 'root_addon' });
    expect(check('run_as_root', safeFacts({ uid: 0, mode: 'standalone' }))).toMatchObject({ status: 'warn', message: 'root_standalone' });
    expect(check('run_as_root', safeFacts({ uid: undefined })).status).toBe('pass');
  });

  it('data_files: files others can read warn, unless others cannot enter the data folder', () => {
    const files = [
      { name: 'options.json', mode: 0o644 },
      { name: 'majordome.db', mode: 0o600 },
      { name: 'browser/', mode: 0o755 },
    ];
    expect(check('data_files', safeFacts({ dataDirMode: 0o755, dataFiles: files }))).toMatchObject({ status: 'warn', params: { files: 'options.json, browser/' } });
    expect(check('data_files', safeFacts({ dataDirMode: 0o700, dataFiles: files })).status).toBe('pass');
    expect(check('data_files', safeFacts({ dataDirMode: undefined, dataFiles: files })).status).toBe('warn');
  });

  it('telegram_allowlist and slack_allowlist: a bot without an allowlist warns', () => {
    expect(check('telegram_allowlist', safeFacts({}, { telegram_bot_token: '123:abc' })).status).toBe('warn');
    expect(check('telegram_allowlist', safeFacts({}, { telegram_bot_token: '123:abc', telegram_allowed_chats: ['42'] })).status).toBe('pass');
    expect(check('slack_allowlist', safeFacts({}, { slack_bot_token: 'xoxb-1', slack_app_token: 'xapp-1' })).status).toBe('warn');
    expect(check('slack_allowlist', safeFacts({}, { slack_bot_token: 'xoxb-1', slack_app_token: 'xapp-1', slack_allowed_users: ['U012'] })).status).toBe('pass');
    expect(check('slack_allowlist', safeFacts({}, { slack_bot_token: 'xoxb-1' })).message).toBe('slack_off');
  });

  it('daily_budget: neither cap warns; either one passes', () => {
    expect(check('daily_budget', safeFacts({}, { daily_budget_usd: undefined })).status).toBe('warn');
    expect(check('daily_budget', safeFacts({ options: safeFacts().options }, {})).status).toBe('pass');
    const tokensOnly = safeFacts();
    expect(check('daily_budget', { ...tokensOnly, options: { ...tokensOnly.options, daily_budget_usd: undefined, daily_budget_tokens: 100_000 } }).status).toBe('pass');
  });

  it('ha_token_age: a standalone token older than a year warns with its age in days', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const old = safeFacts({ mode: 'standalone', now, haTokenIssuedAt: new Date('2024-12-01T12:00:00Z') });
    expect(check('ha_token_age', old)).toMatchObject({ status: 'warn', params: { days: 455 } });
    expect(check('ha_token_age', safeFacts({ mode: 'standalone', now, haTokenIssuedAt: new Date('2025-06-01T00:00:00Z') })).status).toBe('pass');
    expect(check('ha_token_age', safeFacts({ mode: 'standalone' })).message).toBe('token_unknown');
    expect(check('ha_token_age', safeFacts()).message).toBe('token_addon');
  });

  it("ha_token_admin: standalone, a token whose user is not an administrator fails (nobody could approve); unknown until HA answers", () => {
    expect(check('ha_token_admin', safeFacts({ mode: 'standalone', haTokenAdmin: false }))).toMatchObject({ status: 'fail', message: 'token_not_admin' });
    expect(check('ha_token_admin', safeFacts({ mode: 'standalone', haTokenAdmin: true }))).toMatchObject({ status: 'pass', message: 'token_admin' });
    expect(check('ha_token_admin', safeFacts({ mode: 'standalone', haTokenAdmin: undefined }))).toMatchObject({ status: 'warn', message: 'token_admin_unknown' });
    expect(check('ha_token_admin', safeFacts())).toMatchObject({ status: 'pass', message: 'token_admin_addon' });
  });

  it("trusted_proxies_default: standalone still trusting the add-on's proxy address fails", () => {
    expect(check('trusted_proxies_default', safeFacts({ mode: 'standalone' })).status).toBe('fail');
    expect(check('trusted_proxies_default', safeFacts({ mode: 'standalone', trustedProxies: ['127.0.0.1'] }))).toMatchObject({ status: 'pass', params: { proxies: '127.0.0.1' } });
    expect(check('trusted_proxies_default', safeFacts()).status).toBe('pass');
  });

  it('trusted_proxies_public: a public address among the trusted proxies fails', () => {
    expect(check('trusted_proxies_public', safeFacts({ trustedProxies: ['172.30.32.2', '203.0.113.7', '2001:db8::1'] }))).toMatchObject({
      status: 'fail',
      params: { addresses: '203.0.113.7, 2001:db8::1' },
    });
    expect(check('trusted_proxies_public', safeFacts({ trustedProxies: ['10.0.0.2', '::1', 'fd00::5'] })).status).toBe('pass');
  });

  it('wyoming_peers: peers beyond HA and loopback warn; not listening passes', () => {
    const open = { allowed: ['192.168.1.10', '192.168.1.50'], home: ['192.168.1.10'] };
    expect(check('wyoming_peers', safeFacts({ wyoming: open }))).toMatchObject({ status: 'warn', params: { peers: '192.168.1.50' } });
    expect(check('wyoming_peers', safeFacts({ wyoming: undefined })).message).toBe('wyoming_off');
  });

  it('model_http: plain http to a remote host fails; https or a local server passes', () => {
    expect(check('model_http', safeFacts({ modelBaseUrl: 'http://llm.example.com/v1' })).status).toBe('fail');
    expect(check('model_http', safeFacts({ modelBaseUrl: 'http://8.8.8.8:11434/v1' })).status).toBe('fail');
    for (const local of ['http://192.168.1.20:11434/v1', 'http://localhost:11434/v1', 'http://ollama:11434/v1', 'http://gpu.local:8000/v1', 'https://llm.example.com/v1']) {
      expect(check('model_http', safeFacts({ modelBaseUrl: local })).status, local).toBe('pass');
    }
  });

  it('ha_http: standalone HA over plain http to a remote host warns', () => {
    expect(check('ha_http', safeFacts({ mode: 'standalone', haUrl: 'http://ha.example.org:8123' })).status).toBe('warn');
    expect(check('ha_http', safeFacts({ mode: 'standalone', haUrl: 'http://homeassistant.local:8123' })).status).toBe('pass');
  });

  it('log_level: debug warns', () => {
    expect(check('log_level', safeFacts({}, { log_level: 'debug' })).status).toBe('warn');
    expect(check('log_level', safeFacts())).toMatchObject({ status: 'pass', params: { level: 'info' } });
  });

  it('mail_tls: an account with TLS off fails, naming it', () => {
    const secure = { ...plainMail, name: 'work', imap_tls: 'tls', smtp_tls: 'starttls' };
    expect(check('mail_tls', safeFacts({}, { mail_accounts: [plainMail, secure] }))).toMatchObject({ status: 'fail', params: { accounts: 'home' } });
    expect(check('mail_tls', safeFacts({}, { mail_accounts: [secure] })).status).toBe('pass');
    expect(check('mail_tls', safeFacts({}, { mail_accounts: [{ ...secure, imap_tls: undefined, smtp_tls: 'none' }] })).status).toBe('fail');
  });

  it('mail_tls: a pinned certificate is TLS, not TLS off, and the pass names the pinned accounts', () => {
    const secure = { ...plainMail, name: 'work', imap_tls: 'tls', smtp_tls: 'starttls' };
    const nas = { ...secure, name: 'nas', imap_tls_fingerprint: 'ab'.repeat(32), smtp_tls_fingerprint: 'AB'.repeat(32) };
    expect(check('mail_tls', safeFacts({}, { mail_accounts: [secure, nas] }))).toMatchObject({ status: 'pass', message: 'mail_encrypted_pinned', params: { accounts: 'nas' } });
    expect(check('mail_tls', safeFacts({}, { mail_accounts: [plainMail, { ...nas, smtp_tls_fingerprint: undefined }] }))).toMatchObject({ status: 'fail', params: { accounts: 'home' } });
  });
});
