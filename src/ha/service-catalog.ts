/**
 * A cached `get_services` answer. The whole catalog is large (hundreds of KB on a big home), so
 * it is fetched once per connection and again only when a lookup misses.
 */
import type { HassService, HassServices } from 'home-assistant-js-websocket';

/** Looks up service descriptions, refetching once when something is missing. */
export class ServiceCatalog {
  private cached: Promise<HassServices> | undefined;

  constructor(private readonly fetchServices: () => Promise<HassServices>) {}

  /** Drops the cache (on every reconnect: HA may have restarted with other integrations). */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The whole catalog. */
  async all(fresh = false): Promise<HassServices> {
    if (fresh || !this.cached) {
      const pending = this.fetchServices();
      this.cached = pending;
      // A failed fetch must not poison the cache.
      pending.catch(() => {
        if (this.cached === pending) this.cached = undefined;
      });
    }
    return this.cached;
  }

  /** One service's description, or undefined when HA does not offer it even after a refetch. */
  async find(domain: string, service: string): Promise<HassService | undefined> {
    const hit = (await this.all())[domain]?.[service];
    if (hit) return hit;
    return (await this.all(true))[domain]?.[service];
  }
}
