/**
 * Turns what imapflow, nodemailer and Node's sockets throw into MailErrors with a sentence a person
 * can act on. Only our own words and the server's short reply text are kept: raw errors can
 * carry protocol dumps, and nothing from them is logged as is.
 */
import { MajordomeError } from '../errors.js';
import type { MailEndpoint } from './account.js';
import { MailError, type MailErrorReason } from './mail-error.js';

/** The fields of library and socket errors this mapping reads. */
interface ErrorFields {
  code?: unknown;
  /** nodemailer wraps socket errors as ESOCKET/EDNS and keeps Node's code here. */
  originalCode?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  mailboxMissing?: unknown;
  responseStatus?: unknown;
  responseText?: unknown;
  responseCode?: unknown;
  response?: unknown;
  library?: unknown;
  reason?: unknown;
}

/** Code of the error `checkServerIdentity` gives when a pinned connection meets another certificate (pinned-tls.ts). */
export const PIN_MISMATCH_CODE = 'ERR_MAJORDOME_CERT_NOT_PINNED';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EDNS']);
const TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const LOST = new Set(['NoConnection', 'EConnectionClosed', 'ECONNRESET', 'EPIPE', 'StateLogout', 'ClosedAfterConnectText']);
const CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  PIN_MISMATCH_CODE,
]);
const UNREACHABLE_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host name',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function fieldsOf(err: unknown): ErrorFields {
  if (typeof err !== 'object' || err === null) return {};
  const fields = err as ErrorFields;
  return typeof fields.originalCode === 'string' ? { ...fields, code: fields.originalCode, message: fields.message } : fields;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The server's own reply, shortened (it can say why: "mailbox full", "quota exceeded"). */
function serverText(e: ErrorFields): string {
  const said = (text(e.responseText) || text(e.response)).replace(/\s+/g, ' ').trim();
  return said.length > 160 ? `${said.slice(0, 159)}…` : said;
}

function tlsTrouble(e: ErrorFields): string | undefined {
  const code = text(e.code);
  if (CERTIFICATE.has(code)) return `the server's certificate is not trusted (${text(e.message) || code})`;
  if (code.startsWith('ERR_SSL') || text(e.library) === 'SSL routines' || e.tlsFailed === true || code === 'ETLS') {
    const why = text(e.reason) || text(e.message).split('\n')[0] || 'handshake failed';
    return `the TLS handshake failed (${why.slice(0, 120)})`;
  }
  return undefined;
}

function pinOption(protocol: 'IMAP' | 'SMTP'): string {
  return protocol === 'IMAP' ? 'imap_tls_fingerprint' : 'smtp_tls_fingerprint';
}

/**
 * A MailError for a server whose certificate is not the pinned one, naming the fingerprint it
 * presented when known, so the person can compare it with the one on their server.
 */
export function pinMismatchError(account: string, protocol: 'IMAP' | 'SMTP', endpoint: MailEndpoint, presented: string | undefined): MailError {
  const option = pinOption(protocol);
  const what = presented !== undefined ? `its certificate has the SHA-256 fingerprint ${presented}, not the one set in ${option}` : `its certificate is not the one set in ${option}`;
  return new MailError(
    'tls',
    `Mail account "${account}": the ${describeEndpoint(protocol, endpoint)} could not be used securely: ${what}. No password was sent. If the server has a new certificate, check its fingerprint there ("openssl x509 -noout -fingerprint -sha256 -in <certificate>") before you update ${option}.`,
  );
}

/** Which of our reasons a library error is. */
export function classifyConnectionError(err: unknown): MailErrorReason {
  if (err instanceof MailError) return err.reason;
  const e = fieldsOf(err);
  const code = text(e.code);
  if (e.authenticationFailed === true || code === 'EAUTH') return 'auth';
  if (tlsTrouble(e)) return 'tls';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (TIMEOUTS.has(code)) return 'timeout';
  if (LOST.has(code)) return 'connection_lost';
  if (e.mailboxMissing === true) return 'not_found';
  if (code === 'EENVELOPE') return 'refused';
  if (code === 'EMESSAGE' && Number(e.responseCode) === 552) return 'too_large';
  return 'server';
}

/** What the endpoint is, in words: `IMAP server imap.example.com:993`. */
export function describeEndpoint(protocol: 'IMAP' | 'SMTP', endpoint: MailEndpoint): string {
  return `${protocol} server ${endpoint.host}:${endpoint.port}`;
}

function tlsHint(protocol: 'IMAP' | 'SMTP', endpoint: MailEndpoint): string {
  const option = protocol === 'IMAP' ? 'imap_tls' : 'smtp_tls';
  return endpoint.tls === 'tls' ? ` Check ${option}: this port may expect "starttls" or "none".` : '';
}

/**
 * A MailError for a failure talking to `endpoint` while doing `action` (`search INBOX`, `send`).
 * Errors that already are MajordomeErrors pass through unchanged.
 */
export function toMailError(err: unknown, account: string, protocol: 'IMAP' | 'SMTP', endpoint: MailEndpoint, action: string): MajordomeError {
  if (err instanceof MajordomeError) return err;
  const e = fieldsOf(err);
  // With a pinned certificate, trouble with the chain means the server showed another one (an
  // expired pinned certificate keeps its own words).
  if (endpoint.fingerprint !== undefined && CERTIFICATE.has(text(e.code)) && !text(e.code).startsWith('CERT_')) return pinMismatchError(account, protocol, endpoint, undefined);
  const where = `Mail account "${account}": the ${describeEndpoint(protocol, endpoint)}`;
  const reason = classifyConnectionError(err);
  const said = serverText(e);
  switch (reason) {
    case 'auth':
      return new MailError('auth', `${where} refused the username or password. Check the account in the add-on options (mail_accounts).`);
    case 'tls':
      // A certificate problem means TLS itself worked: the mode is right, the certificate is not.
      return new MailError('tls', `${where} could not be used securely: ${tlsTrouble(e) ?? 'TLS failed'}.${CERTIFICATE.has(text(e.code)) ? '' : tlsHint(protocol, endpoint)}`);
    case 'unreachable':
      return new MailError('unreachable', `${where} cannot be reached (${UNREACHABLE_WORDS[text(e.code)] ?? text(e.code)}). Check the host and port, or try again later.`);
    case 'timeout':
      return new MailError(
        'timeout',
        `${where} did not answer in time while trying to ${action}.${text(e.code) === 'GREETING_TIMEOUT' ? tlsHint(protocol, endpoint) : ' Try again later.'}`,
      );
    case 'connection_lost':
      return new MailError('connection_lost', `${where} closed the connection while trying to ${action}. Try again.`);
    case 'not_found':
      return new MailError('not_found', `${where} says the folder does not exist${said ? ` (${said})` : ''}.`);
    case 'refused':
      return new MailError('refused', `${where} refused a recipient${said ? `: ${said}` : ''}. Nothing was sent.`);
    case 'too_large':
      return new MailError('too_large', `${where} refused the message as too large${said ? `: ${said}` : ''}.`);
    default: {
      const detail = said || text(e.message).split('\n')[0]?.slice(0, 160) || 'unknown error';
      return new MailError(reason, `${where} could not ${action}: ${detail}`);
    }
  }
}
