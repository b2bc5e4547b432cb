/**
 * Hands composed messages to the account's SMTP server. One connection per message: a household
 * sends a few mails a day, and a fresh connection never trips over one the server dropped.
 */
import type { ConnectionOptions } from 'node:tls';
import { createTransport } from 'nodemailer';
import type { MailAccount } from './account.js';
import type { ComposedMail } from './compose.js';
import { toMailError } from './connection-errors.js';
import { pinnedTlsOptions } from './pinned-tls.js';

/** Deadlines of an SMTP delivery, in milliseconds. */
export interface SmtpTimeouts {
  connectMs: number;
  greetingMs: number;
  socketMs: number;
}

/** Defaults in the spirit of the IMAP ones. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/** What the server accepted. */
export interface SmtpOutcome {
  accepted: string[];
  rejected: string[];
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown) => (typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address ?? '')));
}

/** Sends one message with its own envelope; failures come out as MailErrors. */
export async function sendOverSmtp(account: MailAccount, mail: ComposedMail, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): Promise<SmtpOutcome> {
  const { host, port, tls } = account.smtp;
  let pinned: ConnectionOptions | undefined;
  try {
    pinned = await pinnedTlsOptions('SMTP', account.name, account.smtp, timeouts.connectMs + timeouts.greetingMs);
  } catch (err) {
    throw toMailError(err, account.name, 'SMTP', account.smtp, 'send the message');
  }
  const transport = createTransport({
    host,
    port,
    secure: tls === 'tls',
    requireTLS: tls === 'starttls',
    ignoreTLS: tls === 'none',
    ...(pinned && { tls: pinned }),
    auth: { user: account.username, pass: account.password },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({ envelope: mail.envelope, raw: mail.raw });
    return { accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
  } catch (err) {
    throw toMailError(err, account.name, 'SMTP', account.smtp, 'send the message');
  } finally {
    transport.close();
  }
}
