/**
 * Which addresses the browser may reach. Pure: the URL shape (http/https only) and the IP ranges
 * that belong to the home or the machine (private, loopback, link-local, unique-local, …), which
 * stay out of reach unless `browser_allow_private` is on.
 */
import { BlockList, isIP } from 'node:net';

/** Schemes a page may be opened with. */
const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

const V4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a reserved address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

const V6_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['fc00::', 7, 'a unique-local address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function buildList(): Array<{ list: BlockList; why: string }> {
  return [...V4_RANGES.map(([net, bits, why]) => ({ net, bits, why, type: 'ipv4' as const })), ...V6_RANGES.map(([net, bits, why]) => ({ net, bits, why, type: 'ipv6' as const }))].map(
    ({ net, bits, why, type }) => {
      const list = new BlockList();
      list.addSubnet(net, bits, type);
      return { list, why };
    },
  );
}

const RANGES = buildList();

/** An IPv4 address hidden in an IPv6 one (mapped `::ffff:a.b.c.d` or NAT64 `64:ff9b::/96`), else the input. */
export function unwrapIpv4(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return address;
}

/** Why an IP address is inside the home or the machine, or undefined for a public address. */
export function privateAddressReason(address: string): string | undefined {
  const ip = unwrapIpv4(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return RANGES.find(({ list }) => list.check(ip, type))?.why;
}

/** A URL the browser may be asked to open, or why not (scheme, credentials, no host). */
export function checkUrlShape(raw: string): { ok: true; url: URL } | { ok: false; reason: string } {
  if (!URL.canParse(raw)) return { ok: false, reason: `"${raw.slice(0, 80)}" is not a valid URL (write it in full, such as https://example.com/)` };
  const url = new URL(raw);
  if (!ALLOWED_SCHEMES.has(url.protocol)) return { ok: false, reason: `${url.protocol} addresses are refused; only http and https pages can be opened` };
  if (url.username || url.password) return { ok: false, reason: 'addresses with a user name or password in them are refused' };
  if (!url.hostname) return { ok: false, reason: 'the address has no host' };
  return { ok: true, url };
}

/** The host of a URL as DNS and the block list see it: brackets off IPv6 literals, no trailing dot, lower case. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}
