/**
 * The one WebSocket connection to Home Assistant, over home-assistant-js-websocket. The server
 * must come up even when HA is down, so start() resolves after the first connection or the
 * first failure, and connecting goes on in the background forever (with back-off) until stop().
 */
import {
  callService as libCallService,
  createConnection,
  createLongLivedTokenAuth,
  createSocket,
  getServices,
  ERR_CANNOT_CONNECT,
  type Connection,
  type ConnectionOptions,
  type HaWebSocket,
  type HassServices,
  type HassService,
  type HassServiceTarget,
  type MessageBase,
} from 'home-assistant-js-websocket';
import { WebSocket as WsWebSocket } from 'ws';
import { HaError } from '../errors.js';
import type { EventEmitter } from '../events/bus.js';
import type { Logger } from '../logger.js';
import { HA_OUTCOME_UNKNOWN_MESSAGE, HA_UNAVAILABLE_MESSAGE, connectionLoss, describeConnectFailure, toHaError } from './ha-errors.js';
import type { HaCompressedHistoryRow, HaHistoryResult } from './ha-types.js';
import { ServiceCatalog } from './service-catalog.js';

/** Connection settings. `url` is HA's HTTP base (`http://supervisor/core`, `http://host:8123`). */
export interface HaConnectionOptions {
  url: string;
  token: string;
  logger: Logger;
  /** Where status changes are announced (`ha.status`): the bus the composition root hands out. */
  events: EventEmitter<HaEvents>;
  /** Longest wait between two connection attempts before the first success (default 5 s). */
  maxRetryDelayMs?: number;
  /** How long one command may wait for HA's answer (default 60 s). */
  commandTimeoutMs?: number;
  /** How long a command waits for a lost connection to come back before it fails (default 10 s). */
  reconnectWaitMs?: number;
}

/** How one command behaves while the connection to HA is down. */
export interface HaCallOptions {
  /** Called once when the command has to wait for the connection to come back. */
  onWait?: () => void;
  /** Ends the wait early (the turn was cancelled). */
  signal?: AbortSignal;
  /**
   * Safe to send again when the connection dropped before HA answered (a read). Otherwise such a
   * command fails with `ha_outcome_unknown` and is never sent twice (a toggle would run twice).
   */
  resendable?: boolean;
}

/** The default of `reconnectWaitMs`: an HA restart or a Wi-Fi blip is over within seconds. */
export const DEFAULT_RECONNECT_WAIT_MS = 10_000;

/** Attempts of one command whose sending the connection prevented (each after a reconnect). */
const MAX_ATTEMPTS = 3;

/** What the health endpoint and the panel show about HA. */
export interface HaStatus {
  connected: boolean;
  haVersion?: string;
  lastError?: string;
  /** When `connected` last changed (epoch ms). */
  since: number;
}

/** What the connection announces on the bus. */
export interface HaEvents {
  /** The link went up or down, or its version or last error changed. */
  'ha.status': HaStatus;
}

/** `call_service` answer: the context, and the response when one was asked for. */
export interface CallServiceResult {
  context?: { id: string; parent_id?: string | null; user_id?: string | null };
  response?: unknown;
}

/** Stops an event subscription. */
export type Unsubscribe = () => Promise<void>;

/** Node 20 has no global WebSocket; the library needs one. */
function ensureWebSocketGlobal(): void {
  if (typeof globalThis.WebSocket === 'undefined') {
    // ws implements the browser WebSocket surface the library uses (addEventListener, readyState).
    globalThis.WebSocket = WsWebSocket as unknown as typeof globalThis.WebSocket;
  }
}

/** The live link to Home Assistant. */
export class HaConnection {
  private conn: Connection | undefined;
  private stopped = false;
  private current: HaStatus = { connected: false, since: Date.now() };
  private readonly readyListeners = new Set<(conn: Connection) => void>();
  private readonly services: ServiceCatalog;
  private retryTimer: NodeJS.Timeout | undefined;
  private wakeRetry: (() => void) | undefined;
  /** Commands waiting for the connection; stop() ends their wait. */
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: HaConnectionOptions) {
    this.services = new ServiceCatalog(() => this.withConnection((conn) => getServices(conn), { resendable: true }));
  }

  /** Connects; resolves once connected or after the first failed attempt (retrying continues). */
  async start(): Promise<void> {
    ensureWebSocketGlobal();
    this.stopped = false;
    const auth = createLongLivedTokenAuth(this.options.url.replace(/\/+$/, ''), this.options.token);
    let settle!: () => void;
    const firstOutcome = new Promise<void>((resolve) => (settle = resolve));
    const createSocketRetrying = (opts: ConnectionOptions): Promise<HaWebSocket> => this.openSocket(opts, settle);
    createConnection({ auth, setupRetry: -1, createSocket: createSocketRetrying })
      .then((conn) => {
        if (this.stopped) {
          conn.close();
          return;
        }
        this.conn = conn;
        conn.addEventListener('ready', () => this.handleReady(conn));
        conn.addEventListener('disconnected', () => {
          this.options.logger.warn('lost the connection to Home Assistant; reconnecting');
          this.setStatus({ connected: false });
        });
        // The library fires the first "ready" inside its constructor, before anyone listens.
        this.handleReady(conn);
        settle();
      })
      .catch((err: unknown) => {
        if (!this.stopped) this.options.logger.error({ err }, 'Home Assistant connection gave up');
        settle();
      });
    await firstOutcome;
  }

  /** Closes the socket and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.wakeRetry?.();
    for (const endWait of [...this.waiters]) endWait();
    this.conn?.close();
    this.conn = undefined;
    this.services.invalidate();
    if (this.current.connected) this.setStatus({ connected: false });
  }

  /** Current link state. */
  status(): HaStatus {
    return { ...this.current };
  }

  /**
   * Calls `listener` with the library Connection on every (re)connection, and right away when
   * already connected. Owners of subscriptions use it to refetch what may have changed.
   */
  onReady(listener: (conn: Connection) => void): () => void {
    this.readyListeners.add(listener);
    if (this.conn?.connected) this.safely(() => listener(this.conn as Connection));
    return () => this.readyListeners.delete(listener);
  }

  /** The library Connection (for collections such as subscribeEntities), once one exists. */
  get connection(): Connection | undefined {
    return this.conn;
  }

  /**
   * The connection, now or once it comes back within `timeoutMs` (default `reconnectWaitMs`);
   * throws HaError('ha_unavailable') when it does not, or when `signal` aborts first.
   */
  async whenConnected(options: Omit<HaCallOptions, 'resendable'> & { timeoutMs?: number } = {}): Promise<Connection> {
    const now = this.conn;
    if (now?.connected) return now;
    const unavailable = () => new HaError('ha_unavailable', HA_UNAVAILABLE_MESSAGE);
    if (this.stopped || options.signal?.aborted) throw unavailable();
    options.onWait?.();
    const timeoutMs = options.timeoutMs ?? this.options.reconnectWaitMs ?? DEFAULT_RECONNECT_WAIT_MS;
    return new Promise<Connection>((resolve, reject) => {
      let settled = false;
      const finish = (conn: Connection | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopListening?.();
        this.waiters.delete(endWait);
        options.signal?.removeEventListener('abort', endWait);
        if (conn) resolve(conn);
        else reject(unavailable());
      };
      const endWait = (): void => finish(undefined);
      const timer = setTimeout(endWait, timeoutMs);
      this.waiters.add(endWait);
      options.signal?.addEventListener('abort', endWait, { once: true });
      const stopListening: (() => void) | undefined = this.onReady((conn) => finish(conn));
      if (settled) stopListening();
    });
  }

  /**
   * Resolves once HA has answered a command sent now. Messages on the socket are handled in order,
   * so the snapshots of subscriptions renewed on a reconnect (entity states) have arrived by then.
   */
  async sync(options: HaCallOptions = {}): Promise<void> {
    await this.withConnection((conn) => conn.ping(), { ...options, resendable: true });
  }

  /** Sends one command and waits for its result; throws HaError. */
  async sendMessage<T>(message: MessageBase, options: HaCallOptions = {}): Promise<T> {
    // The library stamps an id on the message it sends: each attempt sends a copy.
    return this.withConnection((conn) => conn.sendMessagePromise<T>({ ...message }), options);
  }

  /** `call_service`; HA's refusal comes back as HaError('ha_error', HA's message, HA's code). */
  async callService(
    domain: string,
    service: string,
    data?: Record<string, unknown>,
    target?: HassServiceTarget,
    returnResponse?: boolean,
    options: HaCallOptions = {},
  ): Promise<CallServiceResult> {
    const result = await this.withConnection((conn) => libCallService(conn, domain, service, data, target, returnResponse), options);
    return (result ?? {}) as CallServiceResult;
  }

  /** The `get_services` catalog (cached per connection). */
  async getServices(fresh = false): Promise<HassServices> {
    return this.services.all(fresh);
  }

  /** One service description, refetching the catalog once when it is missing. */
  async findService(domain: string, service: string): Promise<HassService | undefined> {
    return this.services.find(domain, service);
  }

  /**
   * Subscribes to HA events of one type. Works before HA is reachable: the subscription is made
   * on the first connection, and the library renews it after every reconnect.
   */
  async subscribeEvents<T>(callback: (event: T) => void, eventType: string): Promise<Unsubscribe> {
    let pending: Promise<Unsubscribe> | undefined;
    let cancelled = false;
    let stopWaiting: () => void = () => undefined;
    const attach = (conn: Connection): void => {
      if (cancelled || pending) return;
      pending = conn.subscribeEvents<T>(callback, eventType);
      pending.catch((err: unknown) => this.options.logger.warn({ err: toHaError(err).message, eventType }, 'event subscription failed'));
      // From here on the library renews the subscription after each reconnect.
      queueMicrotask(() => stopWaiting());
    };
    stopWaiting = this.onReady(attach);
    const unsubscribe: Unsubscribe = async () => {
      cancelled = true;
      stopWaiting();
      const unsub = await pending?.catch(() => undefined);
      if (unsub) await unsub().catch(() => undefined);
    };
    if (pending) {
      try {
        await pending;
      } catch (err) {
        stopWaiting();
        throw toHaError(err);
      }
    }
    return unsubscribe;
  }

  /** Fires an event on HA's bus (admin only). */
  async fireEvent(eventType: string, eventData: Record<string, unknown>): Promise<void> {
    await this.sendMessage({ type: 'fire_event', event_type: eventType, event_data: eventData });
  }

  /** An entity's recorded states between two instants, oldest first (compressed rows). */
  async getHistory(entityId: string, start: Date, end: Date, options: HaCallOptions = {}): Promise<HaCompressedHistoryRow[]> {
    const result = await this.sendMessage<HaHistoryResult>(
      {
      type: 'history/history_during_period',
      start_time: start.toISOString(),
      end_time: end.toISOString(),
      entity_ids: [entityId],
      minimal_response: true,
      no_attributes: false,
      significant_changes_only: false,
      },
      { ...options, resendable: true },
    );
    return result[entityId] ?? [];
  }

  /**
   * Runs one command on the connection, waiting for it to come back when it is down. A command the
   * connection prevented from leaving is sent once it is back; one lost on the way is sent again
   * only when `resendable`, otherwise it fails with `ha_outcome_unknown`.
   */
  private async withConnection<T>(run: (conn: Connection) => Promise<T>, options: HaCallOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const conn = await this.whenConnected(options);
      try {
        return await this.runWithTimeout(conn, run);
      } catch (err) {
        const loss = connectionLoss(err);
        if (loss === undefined || attempt >= MAX_ATTEMPTS) throw toHaError(err);
        if (loss === 'in_flight' && !options.resendable) throw new HaError('ha_outcome_unknown', HA_OUTCOME_UNKNOWN_MESSAGE, undefined, { cause: err });
      }
    }
  }

  private async runWithTimeout<T>(conn: Connection, run: (conn: Connection) => Promise<T>): Promise<T> {
    const timeoutMs = this.options.commandTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HaError('ha_error', 'Home Assistant did not answer in time', 'timeout')), timeoutMs);
    });
    try {
      return await Promise.race([run(conn), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The library's socket factory, wrapped: the first connection is retried here forever with
   * back-off (reporting each failure); reconnects are single attempts the library repeats itself.
   * A rejected token is reported as "cannot connect" so the library keeps retrying instead of
   * giving up (the user may fix the token while we run).
   */
  private async openSocket(opts: ConnectionOptions, onFirstFailure: () => void): Promise<HaWebSocket> {
    const retryForever = opts.setupRetry !== 0;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) throw ERR_CANNOT_CONNECT;
      try {
        const socket = await createSocket({ ...opts, setupRetry: 0 });
        if (this.stopped) {
          socket.close();
          throw ERR_CANNOT_CONNECT;
        }
        return socket;
      } catch (err) {
        if (this.stopped) throw ERR_CANNOT_CONNECT;
        const reason = describeConnectFailure(err, this.options.url);
        if (this.current.lastError !== reason) this.options.logger.warn({ reason }, 'Home Assistant connection failed; retrying');
        this.setStatus({ connected: false, lastError: reason });
        onFirstFailure();
        if (!retryForever) throw ERR_CANNOT_CONNECT;
        await this.sleep(Math.min(1000 * 2 ** attempt, this.options.maxRetryDelayMs ?? 5000));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeRetry = resolve;
      this.retryTimer = setTimeout(resolve, ms);
    });
  }

  private handleReady(conn: Connection): void {
    if (this.stopped) return;
    this.services.invalidate();
    this.setStatus({ connected: true, haVersion: conn.haVersion, lastError: undefined });
    this.options.logger.info({ haVersion: conn.haVersion }, 'connected to Home Assistant');
    for (const listener of [...this.readyListeners]) this.safely(() => listener(conn));
  }

  private setStatus(change: Partial<HaStatus>): void {
    const connectedChanged = change.connected !== undefined && change.connected !== this.current.connected;
    const next: HaStatus = { ...this.current, ...change, since: connectedChanged ? Date.now() : this.current.since };
    if (next.lastError === undefined) delete next.lastError;
    if (next.haVersion === undefined) delete next.haVersion;
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    this.current = next;
    if (changed) this.options.events.emit('ha.status', this.status());
  }

  private safely(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.options.logger.error({ err }, 'Home Assistant listener failed');
    }
  }
}
