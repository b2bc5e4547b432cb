import { lookup } from 'node:dns/promises';
import { normalizeAddress } from '../../config/normalize-address.js';

/** HA Core's fixed address on the Supervisor's internal network (the Supervisor is .2). */
export const HA_CORE_ADDON_PEER = '172.30.32.1';

const LOOPBACK = ['127.0.0.1', '::1'];

/**
 * The peers allowed to open Wyoming connections. Wyoming carries no credentials, so anyone who
 * can connect could run turns: only Home Assistant (and loopback, for local tools) may. An
 * explicit list (MAJORDOME_WYOMING_PEERS) wins; in add-on mode HA Core has a fixed address; in
 * standalone mode it is wherever HA_URL resolves.
 */
export async function resolveWyomingPeers(input: {
  mode: 'addon' | 'standalone';
  haUrl: string;
  explicit?: readonly string[];
}): Promise<string[]> {
  if (input.explicit && input.explicit.length > 0) return input.explicit.map(normalizeAddress);
  if (input.mode === 'addon') return [HA_CORE_ADDON_PEER, ...LOOPBACK];
  const host = new URL(input.haUrl).hostname.replace(/^\[|\]$/g, '');
  const resolved = await lookup(host, { all: true }).catch(() => []);
  return [...new Set([...resolved.map((entry) => normalizeAddress(entry.address)), ...LOOPBACK])];
}

/** A peer check over a fixed list, comparing normalised addresses. */
export function createPeerCheck(allowed: readonly string[]): (address: string | undefined) => boolean {
  const set = new Set(allowed.map(normalizeAddress));
  return (address) => address !== undefined && set.has(normalizeAddress(address));
}
