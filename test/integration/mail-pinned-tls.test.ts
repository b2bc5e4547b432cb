/**
 * A home mail server with a self-signed certificate, trusted on purpose: imap_tls_fingerprint and
 * smtp_tls_fingerprint accept that one certificate, over implicit TLS and STARTTLS, and refuse any
 * other before a password leaves.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailAccountOptions } from '../../src/config/options.js';
import { resolveMailAccount } from '../../src/mail/account.js';
import { DEFAULT_IMAP_TIMEOUTS } from '../../src/mail/imap-client.js';
import { ImapPool } from '../../src/mail/imap-pool.js';
import { opensslMissingReason, startDovecot, type Dovecot } from '../support/dovecot.js';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from '../support/self-signed.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { accountFor, captureLog, dovecotMissingReason, mailKit, seedInbox } from './mail-harness.js';

const skip = dovecotMissingReason() ?? opensslMissingReason();
if (skip) console.warn(`pinned mail TLS tests skipped: ${skip}`);

/** A fingerprint of no certificate here: what a user pinned before the server changed its own. */
const OTHER = 'AB:'.repeat(31) + 'AB';

/** Runs one tool call with a throwaway service; returns the result, its error text and everything logged. */
async function callWith(accounts: MailAccountOptions[], name: string, input: unknown): Promise<{ ok: boolean; error: string; log: string; json: string }> {
  const log = captureLog();
  // Short deadlines: a server that wrongly got through would otherwise keep the test waiting.
  const kit = mailKit(accounts, log.logger, { imapTimeouts: { connectMs: 5000, greetingMs: 5000, operationMs: 5000 } });
  try {
    const result = await kit.call(name, input);
    const error = (result.output as { error?: string }).error ?? '';
    return { ok: result.ok, error, log: log.text(), json: JSON.stringify(result) };
  } finally {
    await kit.mail.stop();
  }
}

describe.skipIf(skip !== undefined)('reading mail from dovecot with a pinned self-signed certificate', () => {
  let dovecot: Dovecot;
  let fingerprint: string;

  beforeAll(async () => {
    dovecot = await startDovecot({ tls: true });
    await seedInbox(dovecot);
    fingerprint = dovecot.tlsFingerprint ?? '';
  });
  afterAll(async () => dovecot?.stop());

  const implicit = (extra: Partial<MailAccountOptions>): MailAccountOptions => accountFor(dovecot, undefined, { imap_tls: 'tls', imap_port: dovecot.tlsPort, ...extra });
  const starttls = (extra: Partial<MailAccountOptions>): MailAccountOptions => accountFor(dovecot, undefined, { imap_tls: 'starttls', ...extra });

  it('implicit TLS with the fingerprint as openssl prints it reads the mailbox', async () => {
    const { ok, json, log } = await callWith([implicit({ imap_tls_fingerprint: fingerprint })], 'mail_search', { query: 'Dinner' });
    expect(ok).toBe(true);
    expect(json).toContain('Dinner on Friday?');
    expect(log).not.toContain(dovecot.password);
  });

  it('STARTTLS on the plain port with the fingerprint in lower case, without colons, reads the mailbox', async () => {
    const { ok, json } = await callWith([starttls({ imap_tls_fingerprint: fingerprint.replaceAll(':', '').toLowerCase() })], 'mail_search', { query: 'Dinner' });
    expect(ok).toBe(true);
    expect(json).toContain('Dinner on Friday?');
  });

  it.each([
    ['implicit TLS', implicit],
    ['STARTTLS', starttls],
  ])('%s with another fingerprint is refused, says which one the server presented, and never logs in', async (_mode, account) => {
    const before = dovecot.loginAttempts();
    const { ok, error, json, log } = await callWith([account({ imap_tls_fingerprint: OTHER })], 'mail_search', { unseen: true });
    expect(ok).toBe(false);
    expect(error).toMatch(/^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ could not be used securely: /);
    expect(error).toContain(`its certificate has the SHA-256 fingerprint ${fingerprint}`);
    expect(error).toContain('imap_tls_fingerprint');
    expect(error).toContain('No password was sent');
    expect(dovecot.loginAttempts()).toBe(before);
    expect(json).not.toContain(dovecot.password);
    expect(log).not.toContain(dovecot.password);
  });

  it('STARTTLS without a fingerprint still refuses the self-signed certificate', async () => {
    const before = dovecot.loginAttempts();
    const { ok, error } = await callWith([starttls({})], 'mail_search', { unseen: true });
    expect(ok).toBe(false);
    expect(error).toMatch(/could not be used securely: the server's certificate is not trusted \(self-signed certificate\)\.$/);
    expect(dovecot.loginAttempts()).toBe(before);
  });

  it('the right login still goes through, as a control of the counting above', async () => {
    const before = dovecot.loginAttempts();
    expect((await callWith([implicit({ imap_tls_fingerprint: fingerprint })], 'mail_search', { unseen: true })).ok).toBe(true);
    expect(dovecot.loginAttempts()).toBeGreaterThan(before);
  });
});

describe.skipIf(skip !== undefined)('a server that swaps its certificate after the first look', () => {
  let dir: string;
  let pinned: SelfSignedCertificate;
  let impostor: SelfSignedCertificate;
  let server: TlsServer;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'majordome-swap-'));
    pinned = makeSelfSignedCertificate(dir, 'pinned');
    impostor = makeSelfSignedCertificate(dir, 'impostor');
    let connections = 0;
    server = createTlsServer({ key: readFileSync(pinned.key), cert: readFileSync(pinned.cert) }, (socket) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk.toString('latin1'));
        // Refuse every command at once, so a client that got through fails fast instead of waiting.
        for (const line of chunk.toString('latin1').split('\r\n').filter(Boolean)) socket.write(`${line.split(' ')[0] ?? '*'} NO refused\r\n`);
      });
      socket.on('error', () => undefined);
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
    });
    // From the second TCP connection on, another certificate: what a machine in the middle would
    // show. Before the server's own listener, so it applies to that very connection.
    server.prependListener('connection', () => {
      connections += 1;
      if (connections === 2) server.setSecureContext({ key: readFileSync(impostor.key), cert: readFileSync(impostor.cert) });
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused on the connection that would carry the password, and receives nothing', async () => {
    const account = resolveMailAccount({
      name: 'home',
      imap_host: '127.0.0.1',
      imap_port: port,
      imap_tls: 'tls',
      imap_tls_fingerprint: pinned.fingerprint,
      smtp_host: '127.0.0.1',
      username: 'bob.tester',
      password: 'Pinned-Secret-Okapi-42',
    });
    // One pool, one connection: the first look goes to the first TCP connection, the login to the second.
    const pool = new ImapPool({ account, logger: captureLog().logger, timeouts: { ...DEFAULT_IMAP_TIMEOUTS, connectMs: 5000, greetingMs: 5000, operationMs: 5000 } });
    try {
      await expect(pool.run('search INBOX', (client) => client.status('INBOX', { messages: true }))).rejects.toThrow(
        /could not be used securely: its certificate is not the one set in imap_tls_fingerprint\. No password was sent\./,
      );
    } finally {
      await pool.stop();
    }
    expect(received.join('')).toBe('');
  });
});

describe.skipIf(skip !== undefined)('sending through smtp-server with a pinned self-signed certificate', () => {
  let dovecot: Dovecot;
  const servers: Partial<Record<'implicit' | 'starttls', SmtpCapture>> = {};

  beforeAll(async () => {
    dovecot = await startDovecot();
    servers.implicit = await startSmtpCapture({ user: dovecot.user, password: dovecot.password, tls: 'implicit' });
    servers.starttls = await startSmtpCapture({ user: dovecot.user, password: dovecot.password, tls: 'starttls' });
  });
  afterAll(async () => {
    await servers.implicit?.stop();
    await servers.starttls?.stop();
    await dovecot?.stop();
  });

  const smtpOf = (mode: 'implicit' | 'starttls'): SmtpCapture => {
    const smtp = servers[mode];
    if (!smtp) throw new Error(`no ${mode} server`);
    return smtp;
  };
  const account = (mode: 'implicit' | 'starttls', fingerprint: string | undefined): MailAccountOptions =>
    accountFor(dovecot, smtpOf(mode), { smtp_tls: mode === 'implicit' ? 'tls' : 'starttls', ...(fingerprint !== undefined && { smtp_tls_fingerprint: fingerprint }) });
  const mail = { to: 'anna@example.com', subject: 'Pinned', body: 'Sent over a pinned certificate.' };

  it.each(['implicit', 'starttls'] as const)('%s TLS with the right fingerprint delivers the message', async (mode) => {
    const smtp = smtpOf(mode);
    const before = smtp.messages.length;
    const { ok, log } = await callWith([account(mode, smtp.tlsFingerprint)], 'mail_send', mail);
    expect(ok).toBe(true);
    expect(await smtp.waitForMessage(before)).toMatchObject({ to: ['anna@example.com'], user: dovecot.user });
    expect(log).not.toContain(dovecot.password);
  });

  it.each(['implicit', 'starttls'] as const)('%s TLS with another fingerprint is refused before AUTH, naming the presented one', async (mode) => {
    const smtp = smtpOf(mode);
    const [messages, auths] = [smtp.messages.length, smtp.authAttempts];
    const { ok, error, log } = await callWith([account(mode, OTHER)], 'mail_send', mail);
    expect(ok).toBe(false);
    expect(error).toMatch(/^Mail account "home": the SMTP server 127\.0\.0\.1:\d+ could not be used securely: /);
    expect(error).toContain(`its certificate has the SHA-256 fingerprint ${smtp.tlsFingerprint ?? '?'}`);
    expect(error).toContain('smtp_tls_fingerprint');
    expect([smtp.messages.length, smtp.authAttempts]).toEqual([messages, auths]);
    expect(log).not.toContain(dovecot.password);
  });

  it('without a fingerprint the self-signed certificate is refused as before, before AUTH', async () => {
    const smtp = smtpOf('starttls');
    const auths = smtp.authAttempts;
    const { ok, error } = await callWith([account('starttls', undefined)], 'mail_send', mail);
    expect(ok).toBe(false);
    expect(error).toMatch(/the server's certificate is not trusted/);
    expect(smtp.authAttempts).toBe(auths);
  });
});
