import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { UserIdentity } from '../../contracts/identity.js';
import { HaError, MajordomeError } from '../../errors.js';
import { isTrustedPeer } from './peer.js';
import { sendError } from './http-errors.js';
import type { HttpLogger } from './deps.js';

/** What a request claims, before any token is checked. */
export type IdentityDecision =
  | { kind: 'ingress'; user: UserIdentity }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' };

/** The facts the decision rests on; X-Forwarded-For is deliberately not one of them. */
export interface IdentityInput {
  /** `req.socket.remoteAddress`: the TCP peer, never a header. */
  peer: string | undefined;
  headers: IncomingHttpHeaders;
  trustedProxies: readonly string[];
}

/** What a request or socket without an accepted identity is told. */
export const SIGN_IN_MESSAGE = 'Sign in through Home Assistant to use Majordome.';

const MAX_TOKEN_LENGTH = 4096;
const MAX_HEADER_TEXT = 256;
// RFC 6750 b64token; HA access tokens are JWTs and fit.
const BEARER_RE = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Decides who a request claims to be. Identity headers count only from a trusted proxy (the
 * Supervisor strips client copies); otherwise only a bearer token can make it a user's.
 */
export function decideIdentity(input: IdentityInput): IdentityDecision {
  if (isTrustedPeer(input.peer, input.trustedProxies)) {
    const id = headerText(input.headers['x-remote-user-id']);
    if (id) {
      const user: UserIdentity = { id, via: 'ingress' };
      const name = headerText(input.headers['x-remote-user-name']);
      const displayName = headerText(input.headers['x-remote-user-display-name']);
      if (name) user.name = name;
      if (displayName) user.displayName = displayName;
      return { kind: 'ingress', user };
    }
  }
  const token = readBearerToken(input.headers.authorization);
  return token ? { kind: 'bearer', token } : { kind: 'none' };
}

/** Extracts a well-formed bearer token from an Authorization header. */
export function readBearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > MAX_TOKEN_LENGTH + 16) return undefined;
  const token = BEARER_RE.exec(header)?.[1];
  return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

/**
 * Node reads header bytes as latin1, while the Supervisor (aiohttp) writes UTF-8: re-decode so a
 * display name like "Zoé" survives. Text that is not valid UTF-8 is kept as it arrived.
 */
export function decodeHeaderText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  // A repeated identity header is ambiguous: refuse it rather than guess which one is real.
  if (typeof value !== 'string') return undefined;
  const text = decodeHeaderText(value).trim();
  return text && text.length <= MAX_HEADER_TEXT ? text : undefined;
}

/** Options of the identity middleware. */
export interface IdentityMiddlewareOptions {
  trustedProxies: readonly string[];
  verifyBearer(token: string): Promise<UserIdentity | undefined>;
  logger?: HttpLogger;
}

/** What checking a bearer token came to: HA's user, HA's refusal, or HA out of reach. */
export type BearerOutcome = { kind: 'user'; user: UserIdentity } | { kind: 'refused' } | { kind: 'ha_unavailable'; message: string };

/**
 * Runs the verifier. Only HA being out of reach is told apart (the panel then waits instead of
 * sending the user to sign in); any other failure is a refusal. Neither is ever a pass.
 */
export async function checkBearer(
  verify: (token: string) => Promise<UserIdentity | undefined>,
  token: string,
  onError?: (err: unknown) => void,
): Promise<BearerOutcome> {
  try {
    const user = await verify(token);
    return user ? { kind: 'user', user } : { kind: 'refused' };
  } catch (err) {
    if (err instanceof HaError && err.code === 'ha_unavailable') return { kind: 'ha_unavailable', message: err.message };
    // The token stays out of whatever is told about the failure.
    onError?.(err);
    return { kind: 'refused' };
  }
}

/** Express glue: sets the request's user, or answers 401 (no identity) or 503 (HA could not check it) JSON. */
export function createIdentityMiddleware(options: IdentityMiddlewareOptions): RequestHandler {
  return async (req, res, next) => {
    if (currentUser(res)) return next();
    const decision = decideIdentity({
      peer: req.socket.remoteAddress,
      headers: req.headers,
      trustedProxies: options.trustedProxies,
    });
    let user: UserIdentity | undefined;
    if (decision.kind === 'ingress') user = decision.user;
    else if (decision.kind === 'bearer') {
      const outcome = await checkBearer(options.verifyBearer, decision.token, (err) =>
        options.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'bearer token check failed'),
      );
      if (outcome.kind === 'ha_unavailable') return sendError(res, 503, 'ha_unavailable', outcome.message);
      if (outcome.kind === 'user') user = outcome.user;
    }
    if (!user) return sendError(res, 401, 'unauthorized', SIGN_IN_MESSAGE);
    res.locals.user = user;
    next();
  };
}

/** The user the identity middleware attached, if any. */
export function currentUser(res: Response): UserIdentity | undefined {
  const user: unknown = res.locals.user;
  return user && typeof user === 'object' ? (user as UserIdentity) : undefined;
}

/** The request's user; routes behind the identity middleware may rely on it. */
export function requireUser(res: Response): UserIdentity {
  const user = currentUser(res);
  if (!user) throw new MajordomeError('unauthorized', 'No identity on this request.');
  return user;
}
