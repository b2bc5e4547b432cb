import type { IncomingHttpHeaders } from 'node:http';
import { isTrustedPeer } from '../http/peer.js';

/** The facts the Origin rule looks at: the TCP peer and the handshake's headers. */
export interface OriginCheckInput {
  peer: string | undefined;
  headers: IncomingHttpHeaders;
  trustedProxies: readonly string[];
}

/** The verdict; `reason` is safe to send to the client. */
export type OriginVerdict = { ok: true } | { ok: false; reason: string };

const REFUSED = 'This page is not allowed to connect to Majordome.';

/**
 * Cross-site WebSocket hijacking guard. Browsers always send `Origin` on WebSocket handshakes and
 * cross-origin requests, and a page cannot forge it, so:
 * - no Origin: not a cross-site browser request (native clients, same-origin polling) → allowed;
 * - Origin `null` or unparsable → refused;
 * - Origin host equal to the `Host` the request was sent to → allowed (standalone, or HA ingress,
 *   whose Core and Supervisor proxies pass the browser's Host through);
 * - from a trusted proxy with `X-Ingress-Path`: Origin host equal to the first `X-Forwarded-Host`
 *   (HA Core sets it to the host the browser used, or keeps the one a reverse proxy in front of HA set)
 *   → allowed. A page cannot add that header to a cross-origin WebSocket or poll without a CORS
 *   preflight, which HA does not grant;
 * - anything else → refused.
 */
export function checkOrigin(input: OriginCheckInput): OriginVerdict {
  const origin = single(input.headers.origin);
  if (origin === undefined) return input.headers.origin === undefined ? { ok: true } : { ok: false, reason: REFUSED };
  const parsed = parseOrigin(origin);
  if (!parsed) return { ok: false, reason: REFUSED };

  const allowed = [single(input.headers.host)];
  if (isTrustedPeer(input.peer, input.trustedProxies) && single(input.headers['x-ingress-path'])) {
    allowed.push(firstForwardedHost(single(input.headers['x-forwarded-host'])));
  }
  const match = allowed.some((host) => host !== undefined && normalizeHost(host, parsed.protocol) === parsed.host);
  return match ? { ok: true } : { ok: false, reason: REFUSED };
}

function parseOrigin(origin: string): URL | undefined {
  if (origin === 'null' || origin.length > 512) return undefined;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `host[:port]` as URL normalises it for the Origin's scheme (lower case, default port dropped). */
function normalizeHost(host: string, protocol: string): string | undefined {
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return undefined;
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return undefined;
  }
}

// Proxies may chain values ("a, b"); only the first is the host the browser used.
function firstForwardedHost(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

// A repeated header is ambiguous: treat it as unusable rather than pick one.
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
