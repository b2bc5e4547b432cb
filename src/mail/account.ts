/** Mail accounts as the mail code uses them: options resolved to full endpoints. */
import type { MailAccountOptions } from '../config/options.js';
import { MailError } from './mail-error.js';
import { t } from '../messages/messages.js';

/** How a connection is secured (see mailTlsSchema). */
export type MailTls = 'tls' | 'starttls' | 'none';

/** One server of an account. */
export interface MailEndpoint {
  host: string;
  port: number;
  tls: MailTls;
  /** SHA-256 fingerprint (`AB:CD:…`) of the only certificate accepted, when one is pinned. */
  fingerprint?: string;
}

/** A mailbox with every default filled in. `password` never leaves the mail code. */
export interface MailAccount {
  name: string;
  imap: MailEndpoint;
  smtp: MailEndpoint;
  username: string;
  password: string;
  /** The From header, e.g. `Anna <anna@example.com>`. */
  from: string;
}

const DEFAULT_PORTS = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
} as const;

/** Fills in ports and TLS modes: TLS unless told otherwise, with the well-known port of each mode. */
export function resolveMailAccount(options: MailAccountOptions): MailAccount {
  const imapTls = options.imap_tls ?? 'tls';
  const smtpTls = options.smtp_tls ?? 'tls';
  return {
    name: options.name,
    imap: {
      host: options.imap_host,
      port: options.imap_port ?? DEFAULT_PORTS.imap[imapTls],
      tls: imapTls,
      ...(options.imap_tls_fingerprint !== undefined && { fingerprint: options.imap_tls_fingerprint }),
    },
    smtp: {
      host: options.smtp_host,
      port: options.smtp_port ?? DEFAULT_PORTS.smtp[smtpTls],
      tls: smtpTls,
      ...(options.smtp_tls_fingerprint !== undefined && { fingerprint: options.smtp_tls_fingerprint }),
    },
    username: options.username,
    password: options.password,
    from: options.from ?? options.username,
  };
}

/** The named account (case-insensitive), or the first one when no name is given. */
export function pickAccount<A extends { name: string }>(accounts: readonly A[], name: string | undefined): A {
  if (accounts.length === 0) throw new MailError('config', t('en', 'mail.no_account'), (language) => t(language, 'mail.no_account'));
  if (name === undefined || name.trim() === '') return accounts[0] as A;
  const wanted = name.trim().toLowerCase();
  const found = accounts.find((account) => account.name.toLowerCase() === wanted);
  if (!found) {
    throw new MailError('not_found', `No mail account named "${name}". Accounts: ${accounts.map((a) => a.name).join(', ')}.`);
  }
  return found;
}
