/**
 * The names Home Assistant and the Supervisor answer to, which the browser refuses with the
 * private ranges: they usually resolve to private addresses anyway, but a public name for HA
 * (a remote-access URL) must not become a way in.
 */

/** Where HA and the Supervisor are, as the config says. */
export interface HomeEndpoints {
  haUrl: string;
  supervisorUrl?: string | undefined;
  addon: boolean;
}

// Names on the Supervisor's internal network (HA Core and the Supervisor itself).
const ADDON_HOSTS = ['homeassistant', 'supervisor', 'hassio'];

/** Host names (lower case, no port) the browser must not open unless private pages are allowed. */
export function homeHostsOf(endpoints: HomeEndpoints): string[] {
  const hosts = new Set<string>(endpoints.addon ? ADDON_HOSTS : []);
  for (const url of [endpoints.haUrl, endpoints.supervisorUrl]) {
    if (url && URL.canParse(url)) hosts.add(new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  }
  return [...hosts].sort();
}
