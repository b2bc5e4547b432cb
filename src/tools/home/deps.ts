import type { EntityIndex } from '../../ha/entity-index.js';
import type { HaConnection } from '../../ha/ha-connection.js';

/** What the home tools need. */
export interface HomeToolDeps {
  ha: HaConnection;
  index: EntityIndex;
  /** How long ha_call_service waits for the new states to arrive (default 1000 ms). */
  settleTimeoutMs?: number;
}
