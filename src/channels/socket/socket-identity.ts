import type { IncomingHttpHeaders } from 'node:http';
import type { UserIdentity } from '../../contracts/identity.js';
import { checkBearer, decideIdentity, readBearerToken } from '../http/identity.js';

/** What a socket.io handshake offers as proof of identity. */
export interface SocketIdentityInput {
  /** The handshake request's TCP peer, never a header. */
  peer: string | undefined;
  headers: IncomingHttpHeaders;
  /** `handshake.auth.token`: browsers cannot set headers on a WebSocket, so a token travels here. */
  authToken: unknown;
  trustedProxies: readonly string[];
  verifyBearer(token: string): Promise<UserIdentity | undefined>;
  /** Told when the verifier throws; the token itself is never passed on. */
  onVerifyError?(err: unknown): void;
}

/** A handshake's verdict: who connects, or why not (the panel waits on `ha_unavailable`, signs in on `unauthorized`). */
export type SocketIdentityOutcome = { ok: true; user: UserIdentity } | { ok: false; code: 'unauthorized' } | { ok: false; code: 'ha_unavailable'; message: string };

/**
 * The same rules as HTTP: identity headers only from a trusted proxy, otherwise an HA access token
 * (Authorization header or the handshake's `auth.token`) that HA accepts.
 */
export async function resolveSocketIdentity(input: SocketIdentityInput): Promise<SocketIdentityOutcome> {
  const decision = decideIdentity({ peer: input.peer, headers: input.headers, trustedProxies: input.trustedProxies });
  if (decision.kind === 'ingress') return { ok: true, user: decision.user };
  const token =
    decision.kind === 'bearer' ? decision.token : typeof input.authToken === 'string' ? readBearerToken(`Bearer ${input.authToken}`) : undefined;
  if (!token) return { ok: false, code: 'unauthorized' };
  const outcome = await checkBearer(input.verifyBearer, token, input.onVerifyError);
  if (outcome.kind === 'user') return { ok: true, user: outcome.user };
  if (outcome.kind === 'ha_unavailable') return { ok: false, code: 'ha_unavailable', message: outcome.message };
  return { ok: false, code: 'unauthorized' };
}
