import { getConfig, type HassConfig } from 'home-assistant-js-websocket';
import type { Logger } from '../logger.js';
import type { HaConnection } from './ha-connection.js';

/** The home facts the prompt needs, refreshed from HA's `get_config` on every (re)connection. */
export class HomeConfigCache {
  #config: Pick<HassConfig, 'time_zone' | 'location_name' | 'language' | 'version' | 'unit_system'> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ha: HaConnection,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.#unsubscribe = this.ha.onReady((conn) => {
      getConfig(conn).then(
        (config) => (this.#config = config),
        (err: unknown) => this.logger.warn({ err }, 'could not read the HA configuration'),
      );
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Time zone and home name, when HA has told us. */
  get(): { timeZone?: string; locationName?: string } {
    return { timeZone: this.#config?.time_zone, locationName: this.#config?.location_name };
  }

  /** HA's temperature unit (`°C`, `°F`), in which service data temperatures are given. */
  temperatureUnit(): string | undefined {
    return this.#config?.unit_system?.temperature;
  }
}
