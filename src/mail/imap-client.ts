/** IMAP clients as the mail code makes them: the account's endpoint, deadlines, no library logging. */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailAccount } from './account.js';
import { pinnedTlsOptions } from './pinned-tls.js';

/** Deadlines of IMAP work, in milliseconds. */
export interface ImapTimeouts {
  /** TCP (and TLS) connection. */
  connectMs: number;
  /** The server's greeting after connecting. */
  greetingMs: number;
  /** Silence on an open socket. */
  socketMs: number;
  /** One whole operation (search, read, move, …) once connected. */
  operationMs: number;
}

/** Defaults: generous enough for a slow provider, short enough that a turn does not hang. */
export const DEFAULT_IMAP_TIMEOUTS: ImapTimeouts = { connectMs: 15_000, greetingMs: 15_000, socketMs: 120_000, operationMs: 60_000 };

/**
 * A client for the account, not yet connected; `extra` adjusts IDLE behaviour. With a pinned
 * certificate the server's certificate is looked at first, and refused (thrown) unless pinned.
 */
export async function createImapClient(
  account: MailAccount,
  timeouts: ImapTimeouts,
  extra: Pick<ImapFlowOptions, 'disableAutoIdle' | 'autoIdleDelay' | 'maxIdleTime'> = {},
): Promise<ImapFlow> {
  const { host, port, tls } = account.imap;
  const pinned = await pinnedTlsOptions('IMAP', account.name, account.imap, timeouts.connectMs + timeouts.greetingMs);
  return new ImapFlow({
    host,
    port,
    secure: tls === 'tls',
    // "starttls" insists on the upgrade; "none" never tries it (an explicit choice for a LAN server).
    ...(tls !== 'tls' && { doSTARTTLS: tls === 'starttls' }),
    ...(pinned && { tls: pinned }),
    auth: { user: account.username, pass: account.password },
    logger: false,
    clientInfo: { name: 'Majordome' },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    ...extra,
  });
}

/** LOGOUT when the server answers quickly, then close whatever happens. */
export async function closeGently(client: ImapFlow, waitMs = 1000): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.logout().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }
  client.close();
}
