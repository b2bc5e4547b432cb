/**
 * HA's client rules for its OAuth flow (homeassistant/components/auth/indieauth.py): the client id
 * is a web site, and the redirect URI must share its scheme and host:port. HA would also accept a
 * redirect URI listed in a `<link rel="redirect_uri">` on the client's page; the sim does not fetch
 * client pages, so only the same-origin rule applies here.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Whether an IP literal is one HA calls local (loopback, private, link-local). */
function isLocalAddress(address: string): boolean {
  if (isIPv4(address)) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}

/** A client id HA accepts: http(s), no fragment, no credentials, a domain name or a local IP. */
export function parseClientId(clientId: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (clientId.includes('#') || url.username || url.password) return undefined;
  if (url.pathname.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if ((isIPv4(host) || isIPv6(host)) && !isLocalAddress(host)) return undefined;
  return url;
}

/** HA's `verify_redirect_uri` without the link-tag fetch: same scheme and host:port as the client id. */
export function verifyRedirectUri(clientId: string, redirectUri: string): boolean {
  const client = parseClientId(clientId);
  if (!client) return false;
  try {
    const redirect = new URL(redirectUri);
    return redirect.protocol === client.protocol && redirect.host === client.host;
  } catch {
    return false;
  }
}
