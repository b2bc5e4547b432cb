import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../src/config/load-config.js';
import { createLogger, withSecretRedaction } from '../../../src/logger.js';
import { redactAudit } from '../../../src/policy/redacting-audit.js';
import { createConfigRedactor, createSecretRedactor, secretsFromConfig } from '../../../src/policy/secrets.js';
import { AuditLog } from '../../../src/store/audit.js';
import { closeDatabase, openDatabase } from '../../../src/store/database.js';

const HA_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhYmMxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const API_KEY = 'sk-ant-api03-Zx9yW8vU7tS6rQ5pO4nM3lK2jI1h';
const MAIL_PASSWORD = 'correct horse battery staple';

const options = parseOptions({
  anthropic_api_key: API_KEY,
  mail_accounts: [{ name: 'home', imap_host: 'imap.example.com', smtp_host: 'smtp.example.com', username: 'anna@example.com', password: MAIL_PASSWORD }],
});
const config = { ha: { url: 'http://ha:8123', token: 'plain-long-lived-token-1234' }, supervisor: { url: 'http://supervisor', token: 'supervisor-token-5678' }, options };

describe('secrets from the config', () => {
  it('collects the HA and Supervisor tokens, the model key and every mail password', () => {
    expect(secretsFromConfig(config)).toEqual(expect.arrayContaining(['plain-long-lived-token-1234', 'supervisor-token-5678', API_KEY, MAIL_PASSWORD]));
    expect(secretsFromConfig(config)).not.toContain('anna@example.com');
  });

  it('keeps a pinned certificate fingerprint out of the secrets, so the error naming it stays readable', () => {
    const fingerprint = 'FC:11:17:E2:24:62:87:50:50:7B:26:FA:A5:36:8A:24:4C:6D:5F:89:E9:46:64:E4:6F:F6:ED:C7:C1:AC:C0:A8';
    const [account] = options.mail_accounts;
    const pinned = parseOptions({ mail_accounts: [{ ...account, imap_tls_fingerprint: fingerprint, smtp_tls_fingerprint: fingerprint }] });
    const redactor = createConfigRedactor({ ...config, options: pinned });
    expect(secretsFromConfig({ ...config, options: pinned })).toContain(MAIL_PASSWORD);
    const error = `its certificate has the SHA-256 fingerprint ${fingerprint}, not the one set in imap_tls_fingerprint; password ${MAIL_PASSWORD}`;
    expect(redactor.redactText(error)).toBe(`its certificate has the SHA-256 fingerprint ${fingerprint}, not the one set in imap_tls_fingerprint; password [redacted]`);
  });

  it('reads secret-named options the schema may add later (bot tokens, other keys)', () => {
    const later = { ...options, telegram_bot_token: 'telegram-secret-value', openai_api_key: 'openai-secret-value' } as typeof options;
    expect(secretsFromConfig({ ...config, options: later })).toEqual(expect.arrayContaining(['telegram-secret-value', 'openai-secret-value']));
  });
});

describe('the redactor', () => {
  const redactor = createConfigRedactor(config);

  it('replaces configured secrets wherever they appear, in plain, JSON-escaped and URL forms', () => {
    expect(redactor.redactText(`password: ${MAIL_PASSWORD}!`)).toBe('password: [redacted]!');
    expect(redactor.redactText(JSON.stringify({ note: `"${MAIL_PASSWORD}"` }))).not.toContain('horse battery');
    expect(redactor.redactText(`https://evil.example/?p=${encodeURIComponent(MAIL_PASSWORD)}`)).toBe('https://evil.example/?p=[redacted]');
    expect(redactor.redactText('token=supervisor-token-5678;')).toBe('token=[redacted];');
  });

  it('replaces strings shaped like secrets even when nobody configured them', () => {
    const shaped = [
      'sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'sk-proj-abcdefghijklmnopqrstuvwxyz012345',
      HA_TOKEN,
      'xoxb-1234567890-abcdefghij',
      '123456789:AAFabcdefghijklmnopqrstuvwxyz012345',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
    ];
    for (const secret of shaped) {
      expect(redactor.redactText(`before ${secret} after`)).toBe('before [redacted] after');
      expect(redactor.contains(secret)).toBe(true);
    }
    expect(redactor.redactText('Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123')).toBe('Authorization: Bearer [redacted]');
  });

  it('leaves ordinary text alone, and short configured values are not matched', () => {
    const text = 'The kitchen light is on at 42 %; Bearer of good news; sk-8; eyJ';
    expect(redactor.redactText(text)).toBe(text);
    expect(createSecretRedactor(['1234']).redactText('21.1234 °C')).toBe('21.1234 °C');
  });

  it('redacts values deeply without touching the original', () => {
    const value = { entity_id: 'sensor.router', attributes: { [API_KEY]: 1, list: [`Bearer ${HA_TOKEN}`, 3, null] } };
    const copy = redactor.redactValue(value);
    expect(copy).toEqual({ entity_id: 'sensor.router', attributes: { '[redacted]': 1, list: ['Bearer [redacted]', 3, null] } });
    expect(value.attributes.list[0]).toContain(HA_TOKEN);
    const error = redactor.redactValue(new Error(`login failed for ${MAIL_PASSWORD}`));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('login failed for [redacted]');
  });
});

function capture(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stream, text: () => out };
}

describe('the logs', () => {
  const redactor = createConfigRedactor(config);

  it('the root logger redacts secret values in objects and messages, and keeps the key-name paths', () => {
    const sink = capture();
    const logger = createLogger('debug', sink.stream, redactor);
    logger.info({ detail: `IMAP said no to ${MAIL_PASSWORD}`, token: 'anything' }, `header Bearer ${HA_TOKEN}`);
    logger.child({ module: 'x' }).warn({ err: new Error(`bad key ${API_KEY}`) }, 'failed');
    const text = sink.text();
    expect(text).not.toContain('horse battery');
    expect(text).not.toContain(HA_TOKEN);
    expect(text).not.toContain(API_KEY);
    expect(text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)[0]).toMatchObject({
      detail: 'IMAP said no to [redacted]',
      token: '[redacted]',
      msg: 'header Bearer [redacted]',
    });
  });

  it('a logger made elsewhere still redacts logged objects once wrapped', () => {
    const sink = capture();
    const logger = withSecretRedaction(createLogger('debug', sink.stream), redactor).child({ module: 'agent' });
    logger.warn({ err: `request failed: ${API_KEY}`, nested: { deeper: [MAIL_PASSWORD] } }, 'turn failed');
    expect(sink.text()).not.toContain(API_KEY);
    expect(sink.text()).not.toContain(MAIL_PASSWORD);
    expect(sink.text()).toContain('"module":"agent"');
  });
});

describe('audit rows', () => {
  it('inputs and details are redacted before they are written', () => {
    const db = openDatabase(':memory:');
    const log = new AuditLog(db);
    const audit = redactAudit(log, createConfigRedactor(config));
    audit.record({ actor: 'u1', kind: 'tool_call', tool: 'mail_send', input: { body: `the key is ${API_KEY}` }, detail: `sent ${MAIL_PASSWORD}` });
    const [row] = log.list();
    expect(row).toMatchObject({ input: { body: 'the key is [redacted]' }, detail: 'sent [redacted]' });
    closeDatabase(db);
  });
});
