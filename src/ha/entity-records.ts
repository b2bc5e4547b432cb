/**
 * Joins one state with the registries into what the index stores: display name, area, floor,
 * device, accessibility and the search document. Pure, so it is tested without HA.
 */
import type { HassEntity } from 'home-assistant-js-websocket';
import { buildSearchDoc, type SearchDoc } from './entity-search.js';
import type { EntityPlace } from './entity-summary.js';
import { isExposed } from './exposure.js';
import type { Registries } from './registries.js';

/** Which entities the agent may see and touch (the `entity_access` option). */
export type EntityAccess = 'exposed' | 'all';

/** One entity as the index keeps it. */
export interface EntityRecord {
  entityId: string;
  domain: string;
  state: HassEntity;
  place: EntityPlace;
  areaId: string | undefined;
  deviceId: string | undefined;
  deviceClass: string | undefined;
  accessible: boolean;
  /** Whether HA exposes it to Assist, whatever entity_access says. */
  exposed: boolean;
  doc: SearchDoc;
}

function nonEmpty(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))];
}

/**
 * The name people see in HA's UI, with fallbacks for entities without a friendly name. Trimmed:
 * names typed in HA may end with a space ("Kitchen spotlights "), which answers and cards would
 * carry before their punctuation.
 */
export function displayName(state: HassEntity, registries: Registries): string {
  const entry = registries.entities.get(state.entity_id);
  const friendly = state.attributes['friendly_name'];
  if (typeof friendly === 'string' && friendly.trim() !== '') return friendly.trim();
  const named = [entry?.name, entry?.original_name].find((name) => typeof name === 'string' && name.trim() !== '');
  return named?.trim() ?? state.entity_id.split('.')[1]?.replace(/_/g, ' ') ?? state.entity_id;
}

/** Builds the record of one entity. */
export function buildEntityRecord(state: HassEntity, registries: Registries, access: EntityAccess): EntityRecord {
  const entityId = state.entity_id;
  const entry = registries.entities.get(entityId);
  const device = entry?.device_id ? registries.devices.get(entry.device_id) : undefined;
  const areaId = entry?.area_id ?? device?.area_id ?? undefined;
  const area = areaId ? registries.areas.get(areaId) : undefined;
  const floor = area?.floor_id ? registries.floors.get(area.floor_id) : undefined;
  const attrClass = state.attributes['device_class'];
  const deviceClass = typeof attrClass === 'string' ? attrClass : (entry?.device_class ?? entry?.original_device_class ?? undefined);
  const name = displayName(state, registries);
  // Fail closed: before HA has said what is exposed, nothing is.
  const exposed = registries.loaded && isExposed({ entityId, entry, deviceClass, list: registries.exposeList, exposeNew: registries.exposeNew });
  const accessible = access === 'all' || exposed;
  const doc = buildSearchDoc({
    entityId,
    names: nonEmpty([name, entry?.name, entry?.original_name, ...(entry?.aliases ?? [])]),
    areaNames: nonEmpty([area?.name, ...(area?.aliases ?? [])]),
    floorNames: nonEmpty([floor?.name, ...(floor?.aliases ?? [])]),
    deviceNames: nonEmpty([device?.name_by_user ?? device?.name]),
    deviceClass,
  });
  return {
    entityId,
    domain: entityId.split('.', 1)[0] ?? '',
    state,
    place: { name, area: area?.name, floor: floor?.name },
    areaId: area ? areaId : undefined,
    deviceId: entry?.device_id ?? undefined,
    deviceClass,
    accessible,
    exposed,
    doc,
  };
}

/**
 * Whether a state update can reuse the record built for the previous state: only the state and
 * attributes other than name and device class moved.
 */
export function canReuseRecord(record: EntityRecord, next: HassEntity): boolean {
  const prev = record.state.attributes;
  return prev['friendly_name'] === next.attributes['friendly_name'] && prev['device_class'] === next.attributes['device_class'];
}
