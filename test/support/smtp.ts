/**
 * A real SMTP server (smtp-server) on loopback that keeps every message it accepts, for tests of
 * outgoing mail. Plain SMTP with AUTH PLAIN/LOGIN; or, when asked, implicit TLS or STARTTLS with a
 * self-signed certificate made by openssl.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { makeSelfSignedCertificate } from './self-signed.js';

/** One accepted message. */
export interface CapturedMail {
  /** MAIL FROM. */
  from: string;
  /** RCPT TO, in order. */
  to: string[];
  /** The user that authenticated. */
  user: string | undefined;
  raw: Buffer;
}

/** A running capture server. */
export interface SmtpCapture {
  host: string;
  port: number;
  user: string;
  password: string;
  messages: CapturedMail[];
  /** AUTH commands received so far, right or wrong (each carries a password). */
  authAttempts: number;
  /** SHA-256 fingerprint of the self-signed certificate (`AB:CD:…`), when started with `tls`. */
  tlsFingerprint?: string;
  /** Resolves with the next message accepted (or one already received beyond `after`). */
  waitForMessage(after?: number): Promise<CapturedMail>;
  stop(): Promise<void>;
}

/** Options of startSmtpCapture. */
export interface SmtpCaptureOptions {
  user?: string;
  password?: string;
  /** Recipients refused at RCPT TO (e.g. to test a bounce). */
  refuse?: string[];
  /** Implicit TLS on the port, or STARTTLS offered on it, with a fresh self-signed certificate. */
  tls?: 'implicit' | 'starttls';
}

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startSmtpCapture(opts: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const user = opts.user ?? 'bob.tester';
  const password = opts.password ?? 'smtp-secret-Wombat-17';
  const refused = new Set((opts.refuse ?? []).map((address) => address.toLowerCase()));
  const messages: CapturedMail[] = [];
  const waiters: Array<() => void> = [];
  const certDir = opts.tls ? mkdtempSync(join(tmpdir(), 'majordome-smtp-')) : undefined;
  const certificate = certDir ? makeSelfSignedCertificate(certDir) : undefined;
  let authAttempts = 0;

  const server = new SMTPServer({
    secure: opts.tls === 'implicit',
    ...(certificate ? { key: readFileSync(certificate.key), cert: readFileSync(certificate.cert) } : { disabledCommands: ['STARTTLS'] }),
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      authAttempts += 1;
      if (auth.username === user && auth.password === password) return callback(null, { user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        return callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });

  // A client that refuses the certificate drops the connection mid-handshake: expected in TLS tests.
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    messages,
    get authAttempts() {
      return authAttempts;
    },
    ...(certificate && { tlsFingerprint: certificate.fingerprint }),
    async waitForMessage(after = messages.length) {
      while (messages.length <= after) await new Promise<void>((resolve) => waiters.push(resolve));
      const message = messages[after];
      if (!message) throw new Error('no message');
      return message;
    },
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          if (certDir) rmSync(certDir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
