import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { HaError } from '../errors.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { Logger } from '../logger.js';

/** Options of the bearer-token verifier. */
export interface TokenVerifierOptions {
  /** HA's HTTP base URL; the WebSocket is `<haUrl>/api/websocket` (http→ws, https→wss). */
  haUrl: string;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** How long an answer (yes or no) is reused; default 30 s. */
  cacheTtlMs?: number;
  /** Per-check limit for connect + auth + current_user; default 5 s. */
  timeoutMs?: number;
  /** Bound on cached answers, so random tokens cannot grow memory; default 1000. */
  maxEntries?: number;
}

/**
 * Checks an HA access token: resolves the user, or undefined when HA refuses the token; rejects
 * with HaError `ha_unavailable` when HA could not be asked (down, timeout, 5xx), so callers can
 * tell "sign in again" from "try again in a moment".
 */
export type TokenVerifier = (token: string) => Promise<UserIdentity | undefined>;

/** What a person is told when their token could not be checked because HA is out of reach. */
export const HA_UNREACHABLE_MESSAGE = 'Home Assistant is unreachable right now; try again in a moment.';

/** What one check against HA found; `unreachable` answers are not cached. */
export type TokenCheckResult = { kind: 'user'; user: UserIdentity } | { kind: 'invalid' } | { kind: 'unreachable'; reason: string };

interface CacheEntry {
  user: UserIdentity | undefined;
  expiresAt: number;
}

/** Builds the WebSocket URL of HA's API from its HTTP base URL. */
export function haWebSocketUrl(haUrl: string): string {
  const url = new URL(haUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/websocket`;
  return url.toString();
}

/**
 * Verifies tokens the way HA itself does: a WebSocket login then `auth/current_user`. Answers
 * are cached by the token's sha256, never by the token, and concurrent checks of one token share
 * a single connection.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const wsUrl = haWebSocketUrl(options.haUrl);
  const ttl = options.cacheTtlMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 1000;
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<UserIdentity | undefined>>();

  function remember(key: string, user: UserIdentity | undefined): void {
    cache.delete(key);
    cache.set(key, { user, expiresAt: Date.now() + ttl });
    // Maps iterate in insertion order: the first key is the oldest answer.
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function verify(key: string, token: string): Promise<UserIdentity | undefined> {
    const result = await checkWithHa(wsUrl, token, timeoutMs);
    if (result.kind === 'unreachable') {
      options.logger.warn({ url: wsUrl, reason: result.reason }, 'could not check a bearer token: HA unreachable');
      // Not cached: the next request asks HA again, and a bogus token still gets no user.
      throw new HaError('ha_unavailable', HA_UNREACHABLE_MESSAGE);
    }
    const user = result.kind === 'user' ? result.user : undefined;
    remember(key, user);
    return user;
  }

  return async (token) => {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.user ? { ...hit.user } : undefined;
    const pending = inFlight.get(key) ?? verify(key, token).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    const user = await pending;
    return user ? { ...user } : undefined;
  };
}

/** One login + current_user exchange; always closes the socket. */
function checkWithHa(wsUrl: string, token: string, timeoutMs: number): Promise<TokenCheckResult> {
  return new Promise((resolve) => {
    let settled = false;
    const ws = new WebSocket(wsUrl, { handshakeTimeout: timeoutMs, maxPayload: 1024 * 1024 });
    const finish = (result: TokenCheckResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'unreachable', reason: 'timeout' }), timeoutMs);

    ws.on('error', (err) => finish({ kind: 'unreachable', reason: err.message }));
    ws.on('close', () => finish({ kind: 'unreachable', reason: 'connection closed' }));
    ws.on('message', (data) => {
      const msg = parseMessage(data);
      if (!msg) return finish({ kind: 'unreachable', reason: 'unexpected message' });
      if (msg.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: token }));
      else if (msg.type === 'auth_invalid') finish({ kind: 'invalid' });
      else if (msg.type === 'auth_ok') ws.send(JSON.stringify({ id: 1, type: 'auth/current_user' }));
      else if (msg.type === 'result' && msg.id === 1) finish(readCurrentUser(msg));
    });
  });
}

interface WireMessage {
  type: string;
  id?: unknown;
  success?: unknown;
  result?: unknown;
}

function parseMessage(data: WebSocket.RawData): WireMessage | undefined {
  try {
    const value: unknown = JSON.parse(data.toString());
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      return value as WireMessage;
    }
  } catch {
    // fall through: not JSON
  }
  return undefined;
}

/** Turns HA's `auth/current_user` result into an identity; a failed command is a refusal. */
export function readCurrentUser(msg: { success?: unknown; result?: unknown }): TokenCheckResult {
  const result = msg.result as { id?: unknown; name?: unknown; is_admin?: unknown; is_owner?: unknown } | null;
  if (msg.success !== true || !result || typeof result.id !== 'string' || result.id === '') return { kind: 'invalid' };
  const user: UserIdentity = {
    id: result.id,
    via: 'bearer',
    isAdmin: result.is_admin === true || result.is_owner === true,
  };
  // HA's `name` here is the display name; the username is not part of current_user.
  if (typeof result.name === 'string' && result.name) user.displayName = result.name;
  return { kind: 'user', user };
}
