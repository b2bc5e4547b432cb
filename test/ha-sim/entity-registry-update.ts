/**
 * Changing an entity's registry entry as HA's UI does (`config/entity_registry/update`): the entry
 * changes in place, so service targets by area see it at once, and `entity_registry_updated`
 * fires with the old values of what changed, as HA's registry does.
 */
import { HaError } from '../../src/errors.js';
import type { SimCore } from './core.js';
import { createContext } from './ids.js';
import type { SimEntityEntry } from './home.js';

/** The fields a test (or the WebSocket command) may change. */
export interface EntityRegistryChanges {
  area_id?: string | null;
  name?: string | null;
}

/** Applies the changes; throws HA's `not_found` for an unknown entity or area. */
export function updateEntityEntry(core: SimCore, entityId: string, changes: EntityRegistryChanges): SimEntityEntry {
  const entry = core.home.entities.find((e) => e.entity_id === entityId);
  if (!entry) throw new HaError('ha_error', 'Entity not found', 'not_found');
  if (changes.area_id && !core.home.areas.some((a) => a.area_id === changes.area_id)) throw new HaError('ha_error', `Area ${changes.area_id} not found`, 'not_found');
  const old: Record<string, unknown> = {};
  for (const key of ['area_id', 'name'] as const) {
    const value = changes[key];
    if (value === undefined || entry[key] === value) continue;
    old[key] = entry[key];
    entry[key] = value;
  }
  if (Object.keys(old).length > 0) {
    core.bus.fire('entity_registry_updated', { action: 'update', entity_id: entityId, changes: old }, createContext(null, Date.now()), core.now());
  }
  return entry;
}
