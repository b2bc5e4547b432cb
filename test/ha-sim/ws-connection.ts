/**
 * One WebSocket client as HA's websocket_api sees it: the auth phase (auth_required → auth →
 * auth_ok | auth_invalid), then commands under HA's id rules, with outgoing messages coalesced
 * into JSON arrays once the client asked for `coalesce_messages`.
 */
import type { WebSocket } from 'ws';

import { HaError } from '../../src/errors.js';
import type { CommandConnection, CommandMessage, CommandTable } from './commands/types.js';
import type { SimCore } from './core.js';
import type { SimUser } from './users.js';

/** What a connection needs from the server. */
export interface ConnectionDeps {
  core: SimCore;
  commands: CommandTable;
  tokens: Record<string, SimUser>;
  authTimeoutMs: number;
  /** A connection cut planned for a command of this type (sim.dropOnCommand), taken once. */
  takeCut?(type: string): CommandCut | undefined;
}

/** When a planned cut happens: before HA handles the command, or after (HA ran it; its answer is lost). */
export type CommandCut = 'before' | 'after';

export class SimConnection implements CommandConnection {
  readonly subscriptions = new Map<number, () => void>();
  private authed: SimUser | undefined;
  private lastId = 0;
  private coalesce = false;
  private queue: string[] = [];
  private flushScheduled = false;
  private readonly authTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.terminate());
    // HA closes connections that do not authenticate within 10 seconds.
    this.authTimer = setTimeout(() => socket.close(), deps.authTimeoutMs);
    this.sendNow({ type: 'auth_required', ha_version: deps.core.haVersion });
  }

  get user(): SimUser {
    if (!this.authed) throw new HaError('ha_error', 'Not authenticated', 'unauthorized');
    return this.authed;
  }

  result(id: number, result: unknown = null): void {
    this.send({ id, type: 'result', success: true, result });
  }

  event(id: number, event: unknown): void {
    this.send({ id, type: 'event', event });
  }

  error(id: number, code: string, message: string): void {
    this.send({ id, type: 'result', success: false, error: { code, message } });
  }

  setCoalesce(enabled: boolean): void {
    this.coalesce = enabled;
  }

  /** Queues a message; serialised now so later state changes cannot alter it. */
  send(message: Record<string, unknown>): void {
    this.queue.push(JSON.stringify(message));
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  terminate(): void {
    this.socket.terminate();
  }

  private flush(): void {
    this.flushScheduled = false;
    const pending = this.queue;
    this.queue = [];
    if (this.socket.readyState !== this.socket.OPEN || pending.length === 0) return;
    if (this.coalesce && pending.length > 1) this.socket.send(`[${pending.join(',')}]`);
    else for (const text of pending) this.socket.send(text);
  }

  private sendNow(message: Record<string, unknown>): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HA drops the connection on invalid JSON.
      this.socket.close();
      return;
    }
    if (!this.authed) {
      this.authenticate(parsed);
      return;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) this.handle(message);
  }

  private authenticate(message: unknown): void {
    clearTimeout(this.authTimer);
    const msg = message as Record<string, unknown> | null;
    if (!msg || typeof msg !== 'object' || msg.type !== 'auth' || typeof msg.access_token !== 'string') {
      this.sendNow({ type: 'auth_invalid', message: 'Auth message incorrectly formatted: expected auth with access_token' });
      this.socket.close();
      return;
    }
    const user = this.deps.tokens[msg.access_token];
    if (!user) {
      this.sendNow({ type: 'auth_invalid', message: 'Invalid access token or password' });
      this.socket.close();
      return;
    }
    this.authed = user;
    this.sendNow({ type: 'auth_ok', ha_version: this.deps.core.haVersion });
  }

  private handle(raw: unknown): void {
    const msg = raw as Record<string, unknown> | null;
    const id = msg && typeof msg === 'object' && !Array.isArray(msg) ? msg.id : undefined;
    const type = msg && typeof msg === 'object' ? msg.type : undefined;
    if (typeof id !== 'number' || !Number.isInteger(id) || id === 0 || typeof type !== 'string' || type === '') {
      this.send({ id: typeof id === 'number' ? id : 0, type: 'result', success: false, error: { code: 'invalid_format', message: 'Message incorrectly formatted.' } });
      return;
    }
    if (id <= this.lastId) {
      this.error(id, 'id_reuse', 'Identifier values have to increase.');
      return;
    }
    const cut = this.deps.takeCut?.(type);
    if (cut === 'before') {
      this.socket.terminate();
      return;
    }
    const handler = this.deps.commands[type];
    if (!handler) {
      // As HA: an unknown command does not consume the id.
      this.error(id, 'unknown_command', 'Unknown command.');
      return;
    }
    try {
      const pending = handler(this, msg as CommandMessage, this.deps.core);
      if (pending) pending.catch((err: unknown) => this.fail(id, err));
    } catch (err) {
      this.fail(id, err);
    }
    this.lastId = id;
    // The answer is queued for the next tick: cutting now loses it, as when HA restarts mid-call.
    if (cut === 'after') this.socket.terminate();
  }

  private fail(id: number, err: unknown): void {
    if (err instanceof HaError && err.haCode) this.error(id, err.haCode, err.message);
    else this.error(id, 'unknown_error', err instanceof Error && err.message ? err.message : 'Unknown error');
  }

  private closed(): void {
    clearTimeout(this.authTimer);
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.queue = [];
  }
}
