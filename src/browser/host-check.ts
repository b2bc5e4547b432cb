/**
 * Decides whether the browser may connect to a host, after resolving it: the decision is made on
 * the addresses DNS gives, and the connection then goes to the address that was checked (see
 * guard-proxy.ts), so a name that resolves differently the second time gains nothing.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { bareHost, privateAddressReason } from './address-guard.js';

/** A resolved address the browser may connect to, or why not. */
export type HostVerdict = { ok: true; address: string } | { ok: false; reason: string; refused: boolean };

/** Checks one host and port. */
export type HostCheck = (host: string, port: number) => Promise<HostVerdict>;

/** Resolves a name to every address it has. */
export type Resolver = (host: string) => Promise<string[]>;

/** What the check is built from. */
export interface HostCheckOptions {
  /** `browser_allow_private`: the home network and this machine become reachable. */
  allowPrivate: boolean;
  /** Names that are refused with the private ranges (Home Assistant's and the Supervisor's hosts). */
  homeHosts: readonly string[];
  /** Majordome's own ports: refused on this machine's addresses even when private pages are allowed. */
  selfPorts?: () => readonly number[];
  resolve?: Resolver;
}

const defaultResolve: Resolver = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

function localAddresses(): Set<string> {
  const found = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const nic of list ?? []) found.add(nic.address);
  return found;
}

function isThisMachine(address: string): boolean {
  const why = privateAddressReason(address);
  return why === 'a loopback address' || why === 'an unspecified address' || localAddresses().has(address);
}

/** Builds the check; every refusal says why, in words the model can pass on. */
export function createHostCheck(options: HostCheckOptions): HostCheck {
  const resolve = options.resolve ?? defaultResolve;
  const homeHosts = new Set(options.homeHosts.map(bareHost));
  return async (rawHost, port) => {
    const host = bareHost(rawHost);
    if (!host) return { ok: false, refused: true, reason: 'the address has no host' };
    if (!options.allowPrivate && homeHosts.has(host)) {
      return { ok: false, refused: true, reason: `${host} is Home Assistant's own address; the browser may not open it` };
    }
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await resolve(host);
    } catch {
      return { ok: false, refused: false, reason: `${host} could not be found (DNS)` };
    }
    if (addresses.length === 0) return { ok: false, refused: false, reason: `${host} could not be found (DNS)` };
    for (const address of addresses) {
      if ((options.selfPorts?.() ?? []).includes(port) && isThisMachine(address)) {
        return { ok: false, refused: true, reason: `${host}:${port} is Majordome itself; the browser may not open it` };
      }
      const why = options.allowPrivate ? undefined : privateAddressReason(address);
      if (why) {
        const shown = address === host ? host : `${host} (${address})`;
        return { ok: false, refused: true, reason: `${shown} is ${why} inside the home network or this machine; such pages are refused unless the option browser_allow_private is on` };
      }
    }
    return { ok: true, address: addresses[0] as string };
  };
}
