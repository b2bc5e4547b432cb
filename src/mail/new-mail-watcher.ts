/**
 * Notices new mail in one account's INBOX with IMAP IDLE on a connection of its own, and
 * reconnects (with back-off) when the server goes away. Mail that arrived while it was away is
 * reported once it is back.
 */
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../logger.js';
import type { MailAccount } from './account.js';
import { toMailError } from './connection-errors.js';
import { closeGently, createImapClient, type ImapTimeouts } from './imap-client.js';
import { MailError } from './mail-error.js';

/** New messages in a folder, by UID (oldest first). */
export interface NewMailEvent {
  account: string;
  folder: string;
  uids: number[];
}

/** Back-off between reconnection attempts, in milliseconds. */
export interface RetryDelays {
  minMs: number;
  maxMs: number;
}

/** Default back-off: 2 s doubling up to 5 minutes. */
export const DEFAULT_RETRY_DELAYS: RetryDelays = { minMs: 2_000, maxMs: 300_000 };

/** What a watcher is built from. */
export interface NewMailWatcherDeps {
  account: MailAccount;
  timeouts: ImapTimeouts;
  logger: Logger;
  onNewMail: (event: NewMailEvent) => void;
  retry?: RetryDelays;
}

const FOLDER = 'INBOX';
// IDLE is restarted this often, so a dead network shows within minutes and servers that drop
// long IDLE sessions (RFC 9051 allows 30 minutes) never do.
const MAX_IDLE_MS = 5 * 60_000;

/** One account's IDLE connection. */
export class NewMailWatcher {
  readonly #deps: NewMailWatcherDeps;
  #client: ImapFlow | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;
  #failures = 0;
  #lastReason: string | undefined;
  #uidNext: number | undefined;
  #uidValidity: bigint | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(deps: NewMailWatcherDeps) {
    this.#deps = deps;
  }

  /** Whether the IDLE connection is up. */
  get connected(): boolean {
    return this.#client?.usable === true;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    if (client) await closeGently(client);
    await this.#queue;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const { account, logger } = this.#deps;
    let client: ImapFlow;
    try {
      client = await createImapClient(account, { ...this.#deps.timeouts, socketMs: 2 * MAX_IDLE_MS }, { autoIdleDelay: 200, maxIdleTime: MAX_IDLE_MS });
    } catch (err) {
      return this.#failed(err);
    }
    if (this.#stopped) return void client.close();
    client.on('error', () => undefined);
    client.on('close', () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      logger.info({ account: account.name }, 'mail: IDLE connection closed; reconnecting');
      this.#retryLater();
    });
    client.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) this.#enqueue(() => this.#reportNew(client));
    });
    try {
      await client.connect();
      const box = await client.mailboxOpen(FOLDER, { readOnly: true });
      if (this.#stopped) return void (await closeGently(client));
      const resumed = this.#uidNext !== undefined && this.#uidValidity === box.uidValidity;
      if (!resumed) this.#uidNext = box.uidNext;
      this.#uidValidity = box.uidValidity;
      this.#client = client;
      this.#failures = 0;
      this.#lastReason = undefined;
      logger.debug({ account: account.name }, 'mail: watching INBOX with IDLE');
      if (resumed) this.#enqueue(() => this.#reportNew(client));
    } catch (err) {
      client.close();
      this.#failed(err);
    }
  }

  #failed(err: unknown): void {
    const { account, logger } = this.#deps;
    const failure = toMailError(err, account.name, 'IMAP', account.imap, 'watch the INBOX');
    const reason = failure instanceof MailError ? failure.reason : failure.code;
    // One warning per kind of trouble, not one per attempt.
    if (reason !== this.#lastReason) logger.warn({ account: account.name, reason }, `mail: ${failure.message}`);
    this.#lastReason = reason;
    this.#retryLater();
  }

  #retryLater(): void {
    if (this.#stopped) return;
    const { minMs, maxMs } = this.#deps.retry ?? DEFAULT_RETRY_DELAYS;
    const delay = Math.min(maxMs, minMs * 2 ** this.#failures);
    this.#failures += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((err: unknown) => {
      this.#deps.logger.debug({ account: this.#deps.account.name, reason: err instanceof MailError ? err.reason : 'error' }, 'mail: could not list new mail');
    });
  }

  async #reportNew(client: ImapFlow): Promise<void> {
    const from = this.#uidNext;
    if (from === undefined || this.#stopped || !client.usable) return;
    const found = await client.search({ uid: `${from}:*` }, { uid: true });
    // `n:*` always includes the last message, even when its UID is below n.
    const uids = (found || []).filter((uid) => uid >= from).sort((a, b) => a - b);
    const last = uids.at(-1);
    if (last === undefined) return;
    this.#uidNext = last + 1;
    try {
      this.#deps.onNewMail({ account: this.#deps.account.name, folder: FOLDER, uids });
    } catch (err) {
      this.#deps.logger.error({ account: this.#deps.account.name, err }, 'mail: a new-mail listener failed');
    }
  }
}
