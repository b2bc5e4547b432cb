/**
 * IMAP connections of one account: a few reusable logged-in clients, a cap on how many run at
 * once, a deadline for each operation, and a fresh connection when a pooled one turns out to be
 * dead (the server restarted, the network dropped it).
 */
import type { ImapFlow } from 'imapflow';
import { MajordomeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { MailAccount } from './account.js';
import { classifyConnectionError, describeEndpoint, toMailError } from './connection-errors.js';
import { closeGently, createImapClient, DEFAULT_IMAP_TIMEOUTS, type ImapTimeouts } from './imap-client.js';
import { MailError } from './mail-error.js';

/** What an ImapPool is built from. */
export interface ImapPoolDeps {
  account: MailAccount;
  logger: Logger;
  timeouts?: Partial<ImapTimeouts>;
  /** Operations running at once on this account (default 3). */
  maxConnections?: number;
  /** A pooled client unused this long is logged out (default 60 s). */
  idleCloseMs?: number;
}

/** Options of one operation. */
export interface RunOptions {
  /**
   * Whether the operation may run again on a fresh connection when a pooled one turns out to be
   * dead. Default true; false for work that must not happen twice (APPEND).
   */
  retry?: boolean;
  signal?: AbortSignal;
}

interface IdleClient {
  client: ImapFlow;
  timer: NodeJS.Timeout;
}

/** The pool of one account. */
export class ImapPool {
  readonly #deps: ImapPoolDeps;
  readonly #timeouts: ImapTimeouts;
  readonly #idle: IdleClient[] = [];
  readonly #busy = new Set<ImapFlow>();
  readonly #waiters: Array<() => void> = [];
  #running = 0;
  #stopped = false;

  constructor(deps: ImapPoolDeps) {
    this.#deps = deps;
    this.#timeouts = { ...DEFAULT_IMAP_TIMEOUTS, ...deps.timeouts };
  }

  /** Runs `fn` with a logged-in client; every failure comes out as a MailError (or `cancelled`). */
  async run<T>(action: string, fn: (client: ImapFlow) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    await this.#takeSlot();
    try {
      const pooled = this.#takeIdle();
      const client = pooled ?? (await this.#connect(action));
      try {
        return await this.#attempt(client, action, fn, opts.signal, opts.retry !== false);
      } catch (err) {
        const failure = this.#failure(err, action);
        const dead = failure instanceof MailError && failure.reason === 'connection_lost';
        if (!(pooled && dead && opts.retry !== false)) throw failure;
        this.#deps.logger.debug({ account: this.#deps.account.name }, 'pooled IMAP connection was dead; reconnecting');
        return await this.#attempt(await this.#connect(action), action, fn, opts.signal, true);
      }
    } finally {
      this.#freeSlot();
    }
  }

  /** Logs out every client; later runs fail. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const wake of this.#waiters.splice(0)) wake();
    const clients = [...this.#idle.splice(0).map(({ client, timer }) => (clearTimeout(timer), client)), ...this.#busy];
    this.#busy.clear();
    await Promise.all(clients.map((client) => closeGently(client)));
  }

  async #takeSlot(): Promise<void> {
    const max = this.#deps.maxConnections ?? 3;
    while (this.#running >= max && !this.#stopped) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.#stopped) throw new MailError('connection_lost', 'Mail is shutting down.');
    this.#running += 1;
  }

  #freeSlot(): void {
    this.#running -= 1;
    this.#waiters.shift()?.();
  }

  #takeIdle(): ImapFlow | undefined {
    for (;;) {
      const entry = this.#idle.pop();
      if (!entry) return undefined;
      clearTimeout(entry.timer);
      if (entry.client.usable) return entry.client;
      entry.client.close();
    }
  }

  async #connect(action: string): Promise<ImapFlow> {
    const { account, logger } = this.#deps;
    let client: ImapFlow | undefined;
    try {
      client = await createImapClient(account, this.#timeouts, { disableAutoIdle: true });
      const created = client;
      // imapflow emits 'error' once before closing; without a listener Node would throw it.
      created.on('error', (err: unknown) => logger.debug({ account: account.name, reason: classifyConnectionError(err) }, 'IMAP connection error'));
      created.on('close', () => this.#forget(created));
      await created.connect();
      return created;
    } catch (err) {
      client?.close();
      throw toMailError(err, account.name, 'IMAP', account.imap, action);
    }
  }

  /**
   * Runs `fn` under the operation deadline. With `checkAlive`, a result obtained while the
   * connection was closing is not trusted (imapflow answers some commands with false or nothing
   * then): it becomes a connection_lost error, which the caller may retry.
   */
  async #attempt<T>(client: ImapFlow, action: string, fn: (client: ImapFlow) => Promise<T>, signal: AbortSignal | undefined, checkAlive: boolean): Promise<T> {
    this.#busy.add(client);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const work = fn(client);
    // If the deadline wins, the work rejects later when its client closes: nobody awaits it then.
    work.catch(() => undefined);
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.close();
        const where = describeEndpoint('IMAP', this.#deps.account.imap);
        reject(new MailError('timeout', `Mail account "${this.#deps.account.name}": the ${where} did not finish "${action}" in time. Try again later.`));
      }, this.#timeouts.operationMs);
      if (signal) {
        onAbort = () => {
          client.close();
          reject(new MajordomeError('cancelled', 'The mail operation was cancelled.'));
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
    });
    try {
      const result = await Promise.race([work, deadline]);
      if (checkAlive && !client.usable) throw this.#closedUnder(action);
      this.#release(client);
      return result;
    } catch (err) {
      if (client.usable) {
        this.#release(client);
        throw err;
      }
      this.#forget(client);
      // "No such message" from a connection that was closing may be untrue: say what happened.
      const own = err instanceof MajordomeError && (err.code === 'cancelled' || (err instanceof MailError && err.reason === 'timeout'));
      throw checkAlive && !own ? this.#closedUnder(action) : err;
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  #closedUnder(action: string): MajordomeError {
    return toMailError({ code: 'EConnectionClosed' }, this.#deps.account.name, 'IMAP', this.#deps.account.imap, action);
  }

  #failure(err: unknown, action: string): MajordomeError {
    const { account } = this.#deps;
    return toMailError(err, account.name, 'IMAP', account.imap, action);
  }

  #release(client: ImapFlow): void {
    this.#busy.delete(client);
    if (this.#stopped || !client.usable) {
      client.close();
      return;
    }
    const timer = setTimeout(() => {
      this.#forget(client);
      void closeGently(client);
    }, this.#deps.idleCloseMs ?? 60_000);
    timer.unref();
    this.#idle.push({ client, timer });
  }

  #forget(client: ImapFlow): void {
    this.#busy.delete(client);
    const index = this.#idle.findIndex((entry) => entry.client === client);
    if (index >= 0) {
      const [entry] = this.#idle.splice(index, 1);
      if (entry) clearTimeout(entry.timer);
    }
  }
}
