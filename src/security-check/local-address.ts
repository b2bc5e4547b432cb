/**
 * Whether an address stays inside the home or the machine, read from the text alone (no DNS): a
 * private or loopback IP, `localhost`, a single-label name (`ollama`, `homeassistant`) or a name
 * under a suffix that only a home network resolves (`.local`, `.lan`, `.home.arpa`…).
 */
import { bareHost, privateAddressReason } from '../browser/address-guard.js';

const LOCAL_SUFFIXES = ['.localhost', '.local', '.lan', '.home', '.internal', '.home.arpa', '.localdomain'];

/** True for an IP address that belongs to a public network. */
export function isPublicIp(address: string): boolean {
  const reason = privateAddressReason(address);
  return reason === undefined;
}

/** True when the host name or IP stays inside the home or the machine. */
export function isLocalHost(hostname: string): boolean {
  const host = bareHost(hostname);
  const reason = privateAddressReason(host);
  if (reason !== 'not an IP address') return reason !== undefined;
  if (host === 'localhost' || !host.includes('.')) return true;
  return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** True for a plain-http URL to a host outside the home or the machine. */
export function isPlainHttpToRemote(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !isLocalHost(parsed.hostname);
}
