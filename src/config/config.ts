import type { Options } from './options.js';

/** How Majordome reaches Home Assistant. */
export interface HaEndpoint {
  /** HTTP base URL of HA's API (`…/core` behind the Supervisor); `/api/websocket` is derived. */
  url: string;
  token: string;
}

/** Everything the server needs, validated once at start-up. */
export interface Config {
  mode: 'addon' | 'standalone';
  ha: HaEndpoint;
  /** Supervisor API, in add-on mode only. */
  supervisor?: { url: string; token: string };
  dataDir: string;
  port: number;
  /** Peers allowed to assert identity headers (normalised IPv4/IPv6 text). */
  trustedProxies: string[];
  wyomingPort: number;
  /** Peers allowed on the Wyoming port (MAJORDOME_WYOMING_PEERS); empty means "Home Assistant only". */
  wyomingPeers?: string[];
  chromiumPath: string;
  anthropicBaseUrl?: string;
  openaiBaseUrl?: string;
  options: Options;
}
