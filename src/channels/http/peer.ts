import { normalizeAddress } from '../../config/normalize-address.js';

/** Whether a peer address is loopback (127.0.0.0/8 or ::1), after IPv4-mapped normalisation. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const normalized = normalizeAddress(address);
  if (normalized === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized);
}

/** Whether a peer is one of the proxies allowed to assert identity headers. */
export function isTrustedPeer(address: string | undefined, trustedProxies: readonly string[]): boolean {
  if (!address) return false;
  const normalized = normalizeAddress(address);
  return trustedProxies.some((proxy) => normalizeAddress(proxy) === normalized);
}
