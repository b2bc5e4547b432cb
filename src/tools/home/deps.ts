import type { EntityIndex } from '../../ha/entity-index.js';
import type { HaConnection } from '../../ha/ha-connection.js';
import type { StateWordSource } from '../../ha/state-words.js';
import type { HomeFactsDeps } from './home-facts.js';

/** What the home tools need. */
export interface HomeToolDeps {
  ha: HaConnection;
  index: EntityIndex;
  /** HA's temperature unit (`°C`, `°F`), when known: the temperatures a call sets are judged in °C. */
  temperatureUnit?: () => string | undefined;
  /** How long ha_call_service waits for the new states to arrive (default 1000 ms). */
  settleTimeoutMs?: number;
  /** HA's words for states, for the lines people read; absent → the states as HA names them. */
  stateWords?: StateWordSource;
}

/** Where the home tools' declarations read entities and the temperature unit from. */
export function homeFacts(deps: HomeToolDeps): HomeFactsDeps {
  return { lookup: deps.index, ...(deps.temperatureUnit && { temperatureUnit: deps.temperatureUnit }) };
}
