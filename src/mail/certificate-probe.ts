/**
 * Looks at the certificate a mail server presents, sending nothing but the TLS handshake (and, for
 * STARTTLS, the upgrade command before it): the first step of certificate pinning (pinned-tls.ts).
 * No username or password ever goes through here.
 */
import { X509Certificate } from 'node:crypto';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { MailEndpoint } from './account.js';

/** A certificate as a server presented it. */
export interface PresentedCertificate {
  /** PEM text, to trust this certificate alone on the next connection. */
  pem: string;
  /** SHA-256 fingerprint, `AB:CD:…`. */
  fingerprint: string;
}

/** One exchange of a STARTTLS dialogue: a command (none for the greeting), then lines up to the last reply line. */
interface Step {
  send?: string;
  last: RegExp;
  ok: RegExp;
}

// The plain-text part of each protocol, up to the TLS handshake (RFC 9051 6.2.1, RFC 3207).
const STARTTLS_DIALOGUES: Readonly<Record<'IMAP' | 'SMTP', readonly Step[]>> = {
  IMAP: [
    { last: /^\* /, ok: /^\* OK/i },
    { send: 'P1 STARTTLS', last: /^P1 /i, ok: /^P1 OK/i },
  ],
  SMTP: [
    { last: /^\d{3} /, ok: /^220 / },
    { send: 'EHLO majordome', last: /^\d{3} /, ok: /^250 / },
    { send: 'STARTTLS', last: /^\d{3} /, ok: /^220 / },
  ],
};

/** An error shaped like the socket and library errors connection-errors.ts turns into sentences. */
function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Walks `steps` on the plain socket, then calls `done`; a reply that is not the expected one fails. */
function runDialogue(socket: Socket, steps: readonly Step[], done: () => void, fail: (err: Error) => void): void {
  let index = 0;
  let buffer = '';
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('latin1');
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      const step = steps[index];
      if (!step || !step.last.test(line)) continue;
      if (!step.ok.test(line)) return fail(codedError('ETLS', `STARTTLS was refused: ${line.slice(0, 80)}`));
      index += 1;
      const next = steps[index];
      if (!next) {
        socket.removeListener('data', onData);
        return done();
      }
      if (next.send !== undefined) socket.write(`${next.send}\r\n`);
    }
  };
  socket.on('data', onData);
}

/** The certificate the endpoint presents, over implicit TLS or after STARTTLS; rejects on any trouble or after `timeoutMs`. */
export function fetchPresentedCertificate(protocol: 'IMAP' | 'SMTP', endpoint: MailEndpoint, timeoutMs: number): Promise<PresentedCertificate> {
  const { host, port } = endpoint;
  return new Promise((resolve, reject) => {
    const sockets: Socket[] = [];
    let settled = false;
    const finish = (err: Error | undefined, certificate?: PresentedCertificate): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Only the outermost socket: after STARTTLS the TLS socket owns the plain one's handle, and
      // destroying the plain socket under it crashes Node (a segmentation fault, seen on Node 22).
      sockets.at(-1)?.destroy();
      if (certificate) resolve(certificate);
      else reject(err ?? codedError('ECONNRESET', 'the connection closed'));
    };
    const timer = setTimeout(() => finish(codedError('ETIMEDOUT', 'no answer in time')), timeoutMs);
    // Verification is off on purpose: this connection only reads the certificate, it carries nothing.
    const handshake = (plain?: Socket): void => {
      const target = plain ? { socket: plain } : { host, port };
      const secure = tlsConnect({ ...target, ...(isIP(host) === 0 && { servername: host }), rejectUnauthorized: false }, () => {
        const { raw } = secure.getPeerCertificate();
        if (!raw) return finish(codedError('ETLS', 'the server presented no certificate'));
        const certificate = new X509Certificate(raw);
        finish(undefined, { pem: certificate.toString(), fingerprint: certificate.fingerprint256 });
      });
      sockets.push(secure);
      secure.on('error', finish);
    };
    if (endpoint.tls === 'tls') return handshake();
    const plain = netConnect({ host, port });
    sockets.push(plain);
    plain.on('error', finish);
    plain.on('close', () => finish(codedError('ECONNRESET', 'the connection closed')));
    runDialogue(plain, STARTTLS_DIALOGUES[protocol], () => handshake(plain), finish);
  });
}
