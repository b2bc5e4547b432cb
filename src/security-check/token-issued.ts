/**
 * When a Home Assistant long-lived token was issued. HA's access tokens are JWTs whose payload
 * carries `iat` (seconds since the epoch); only that claim is read, nothing is verified, and the
 * token itself never leaves this function.
 */

/** The token's issue time, or undefined when it is not a JWT with a numeric `iat`. */
export function tokenIssuedAt(token: string): Date | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const iat = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)['iat'] : undefined;
    return typeof iat === 'number' && Number.isFinite(iat) && iat > 0 ? new Date(iat * 1000) : undefined;
  } catch {
    return undefined;
  }
}
