/**
 * The mail capability's service: one IMAP pool per account, SMTP on demand, and IDLE watchers
 * that start when someone subscribes to new-mail events. Built in main.ts, stopped on shutdown.
 */
import type { MailAccountOptions } from '../config/options.js';
import type { Logger } from '../logger.js';
import { pickAccount, resolveMailAccount, type MailAccount } from './account.js';
import type { AccountHandle } from './account-handle.js';
import { DEFAULT_IMAP_TIMEOUTS, type ImapTimeouts } from './imap-client.js';
import { ImapPool } from './imap-pool.js';
import { MailError } from './mail-error.js';
import { MAX_SOURCE_BYTES } from './mailbox.js';
import { NewMailWatcher, type NewMailEvent, type RetryDelays } from './new-mail-watcher.js';
import { DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from './smtp-sender.js';

/** What the mail service is built from. */
export interface MailServiceDeps {
  accounts: readonly MailAccountOptions[];
  logger: Logger;
  imapTimeouts?: Partial<ImapTimeouts>;
  smtpTimeouts?: Partial<SmtpTimeouts>;
  /** Reconnection back-off of the IDLE watchers. */
  retry?: RetryDelays;
  /** Messages over this many bytes are read only in part (default 4 MiB). */
  maxSourceBytes?: number;
}

/** Called with each batch of new messages. */
export type NewMailListener = (event: NewMailEvent) => void;

/** Mail accounts and their connections. */
export class MailService {
  readonly #deps: MailServiceDeps;
  readonly #handles: AccountHandle[];
  readonly #timeouts: ImapTimeouts;
  readonly #listeners = new Set<NewMailListener>();
  readonly #watchers: NewMailWatcher[] = [];
  #started = false;

  constructor(deps: MailServiceDeps) {
    this.#deps = deps;
    this.#timeouts = { ...DEFAULT_IMAP_TIMEOUTS, ...deps.imapTimeouts };
    const smtpTimeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...deps.smtpTimeouts };
    this.#handles = deps.accounts.map(resolveMailAccount).map((account) => ({
      account,
      pool: new ImapPool({ account, logger: deps.logger, timeouts: this.#timeouts }),
      smtpTimeouts,
      maxSourceBytes: deps.maxSourceBytes ?? MAX_SOURCE_BYTES,
    }));
  }

  /** Account names, first one the default. */
  get accountNames(): string[] {
    return this.#handles.map((h) => h.account.name);
  }

  /** Per account: whether its IDLE watcher is connected (only while someone listens for new mail). */
  watching(): Array<{ account: string; idle: boolean }> {
    return this.#handles.map(({ account }, i) => ({ account: account.name, idle: this.#watchers[i]?.connected ?? false }));
  }

  /** Every password, so outputs can be scrubbed of them. */
  get secrets(): string[] {
    return this.#handles.map((h) => h.account.password);
  }

  /** The account a tool call names (the first when none); throws a MailError listing the names. */
  handle(name: string | undefined): AccountHandle {
    const account = pickAccount(
      this.#handles.map((h) => h.account),
      name,
    );
    return this.#handles.find((h) => h.account === account) as AccountHandle;
  }

  /** Checks each account's IMAP login in the background and says in the log what is wrong. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const handle of this.#handles) void this.#check(handle);
    if (this.#listeners.size > 0) this.#startWatchers();
  }

  async stop(): Promise<void> {
    this.#started = false;
    const watchers = this.#watchers.splice(0);
    await Promise.all([...watchers.map((w) => w.stop()), ...this.#handles.map((h) => h.pool.stop())]);
  }

  /**
   * Subscribes to new mail in every account's INBOX; returns the unsubscribe function. The IDLE
   * connections exist only while someone listens.
   */
  onNewMail(listener: NewMailListener): () => void {
    this.#listeners.add(listener);
    if (this.#started && this.#watchers.length === 0) this.#startWatchers();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void Promise.all(this.#watchers.splice(0).map((w) => w.stop()));
    };
  }

  #startWatchers(): void {
    for (const { account } of this.#handles) {
      const watcher = new NewMailWatcher({
        account,
        timeouts: this.#timeouts,
        logger: this.#deps.logger,
        onNewMail: (event) => this.#emit(event),
        ...(this.#deps.retry && { retry: this.#deps.retry }),
      });
      this.#watchers.push(watcher);
      watcher.start();
    }
  }

  #emit(event: NewMailEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (err) {
        this.#deps.logger.error({ account: event.account, err }, 'mail: a new-mail listener failed');
      }
    }
  }

  async #check(handle: AccountHandle): Promise<void> {
    const { account } = handle;
    try {
      await handle.pool.run('log in', async (client) => client.noop());
      this.#deps.logger.info({ account: account.name }, 'mail: account ready');
    } catch (err) {
      const reason = err instanceof MailError ? err.reason : 'error';
      this.#deps.logger.warn({ account: account.name, reason }, `mail: ${err instanceof Error ? err.message : 'the account cannot be used'}`);
    }
  }
}

export type { MailAccount, NewMailEvent };
