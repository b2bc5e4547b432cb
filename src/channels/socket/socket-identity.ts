import type { IncomingHttpHeaders } from 'node:http';
import type { UserIdentity } from '../../identity.js';
import { decideIdentity, readBearerToken } from '../http/identity.js';

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

/**
 * The same rules as HTTP: identity headers only from a trusted proxy, otherwise an HA access token
 * (Authorization header or the handshake's `auth.token`) that HA accepts. Undefined means refuse.
 */
export async function resolveSocketIdentity(input: SocketIdentityInput): Promise<UserIdentity | undefined> {
  const decision = decideIdentity({ peer: input.peer, headers: input.headers, trustedProxies: input.trustedProxies });
  if (decision.kind === 'ingress') return decision.user;
  const token =
    decision.kind === 'bearer' ? decision.token : typeof input.authToken === 'string' ? readBearerToken(`Bearer ${input.authToken}`) : undefined;
  if (!token) return undefined;
  try {
    return await input.verifyBearer(token);
  } catch (err) {
    // A verifier failure is a refusal, never a pass.
    input.onVerifyError?.(err);
    return undefined;
  }
}
