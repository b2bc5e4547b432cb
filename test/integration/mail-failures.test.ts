import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, opensslMissingReason, startDovecot, type Dovecot } from '../support/dovecot.js';
import { accountFor, captureLog, dovecotMissingReason, mailKit, seedInbox, type CapturedLog, type MailKit } from './mail-harness.js';

const skip = dovecotMissingReason();
const skipTls = skip ?? opensslMissingReason();
if (skipTls && !skip) console.warn(`mail TLS tests skipped: ${skipTls}`);

/** Runs one search with a throwaway service and returns the result and everything logged. */
async function searchWith(kitOf: (log: CapturedLog) => MailKit): Promise<{ result: Awaited<ReturnType<MailKit['call']>>; log: string }> {
  const log = captureLog();
  const kit = kitOf(log);
  try {
    const result = await kit.call('mail_search', { unseen: true });
    return { result, log: log.text() };
  } finally {
    await kit.mail.stop();
  }
}

describe.skipIf(skip !== undefined)('mail failures are clear tool errors', () => {
  let dovecot: Dovecot;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await seedInbox(dovecot);
  });
  afterAll(async () => dovecot?.stop());

  it('a wrong password says so, and the password appears nowhere (result, summary, logs)', async () => {
    const wrong = 'Wrong-Passw0rd-Kangaroo';
    const { result, log } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { password: wrong })], l.logger));
    expect(result).toMatchObject({
      ok: false,
      output: { error: expect.stringMatching(/^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ refused the username or password\./) },
      summary: expect.stringMatching(/^Mail search failed: /),
    });
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(log).not.toContain(wrong);
  });

  it('the right password never reaches a result or the debug log either', async () => {
    const { result, log } = await searchWith((l) => mailKit([accountFor(dovecot)], l.logger));
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(dovecot.password);
    expect(log).not.toContain(dovecot.password);
  });

  it('an unreachable server says so', async () => {
    const port = await freePort();
    const { result } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { imap_port: port })], l.logger));
    expect(result).toMatchObject({
      ok: false,
      output: { error: `Mail account "home": the IMAP server 127.0.0.1:${port} cannot be reached (connection refused). Check the host and port, or try again later.` },
    });
  });

  it('a server that stops answering in the middle of an operation hits the deadline, and is used again once it answers', async () => {
    const kit = mailKit([accountFor(dovecot)], captureLog().logger, { imapTimeouts: { operationMs: 500, greetingMs: 500, connectMs: 500 } });
    try {
      expect(await kit.call('mail_search', { unseen: true })).toMatchObject({ ok: true });
      dovecot.freeze();
      try {
        expect(await kit.call('mail_search', { unseen: true })).toMatchObject({
          ok: false,
          output: { error: expect.stringMatching(/^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ did not (finish "search INBOX"|answer) in time/) },
        });
      } finally {
        dovecot.thaw();
      }
      expect(await kit.call('mail_search', { unseen: true })).toMatchObject({ ok: true });
    } finally {
      await kit.mail.stop();
    }
  });

  it('asking for STARTTLS from a server without it fails instead of sending the password in clear', async () => {
    const { result } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { imap_tls: 'starttls' })], l.logger));
    expect(result).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ /) } });
    expect((result.output as { error: string }).error).toMatch(/TLS|STARTTLS/);
  });

  it('a pinned certificate on a server without STARTTLS fails the same way, and no login is tried', async () => {
    const before = dovecot.loginAttempts();
    const { result } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { imap_tls: 'starttls', imap_tls_fingerprint: 'AB'.repeat(32) })], l.logger));
    expect(result).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^Mail account "home": the IMAP server 127\.0\.0\.1:\d+ could not be used securely: .*STARTTLS/) } });
    expect(dovecot.loginAttempts()).toBe(before);
  });
});

describe.skipIf(skipTls !== undefined)('TLS failures against dovecot with a self-signed certificate', () => {
  let dovecot: Dovecot;

  beforeAll(async () => {
    dovecot = await startDovecot({ tls: true });
  });
  afterAll(async () => dovecot?.stop());

  it('an untrusted certificate is refused with a clear reason', async () => {
    const { result } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { imap_tls: 'tls', imap_port: dovecot.tlsPort })], l.logger));
    expect(result).toMatchObject({
      ok: false,
      output: { error: expect.stringMatching(/could not be used securely: the server's certificate is not trusted \(self-signed certificate\)\.$/) },
    });
  });

  it('TLS on a port that speaks plain IMAP fails the handshake and hints at imap_tls', async () => {
    const { result } = await searchWith((l) => mailKit([accountFor(dovecot, undefined, { imap_tls: 'tls' })], l.logger));
    expect(result).toMatchObject({ ok: false, output: { error: expect.stringMatching(/TLS handshake failed .*Check imap_tls/) } });
  });
});

describe.skipIf(skip !== undefined)('a server that accepts connections but never answers', () => {
  let silent: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let dovecot: Dovecot;

  beforeAll(async () => {
    dovecot = await startDovecot();
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
    await dovecot?.stop();
  });

  it('times out with a clear error instead of hanging the turn', async () => {
    const { result } = await searchWith((l) =>
      mailKit([accountFor(dovecot, undefined, { imap_port: port })], l.logger, { imapTimeouts: { connectMs: 500, greetingMs: 300 } }),
    );
    expect(result).toMatchObject({
      ok: false,
      output: { error: expect.stringMatching(new RegExp(`^Mail account "home": the IMAP server 127\\.0\\.0\\.1:${port} did not answer in time`)) },
    });
  });
});
