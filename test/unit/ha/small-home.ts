/** A tiny inline home for unit tests of the search and the index records. */
import type { HassEntity } from 'home-assistant-js-websocket';
import { buildEntityRecord, type EntityAccess, type EntityRecord } from '../../../src/ha/entity-records.js';
import { buildCorpus, rankEntities, type SearchCorpus } from '../../../src/ha/entity-search.js';
import type { HaAreaEntry, HaDeviceEntry, HaEntityEntry, HaFloorEntry } from '../../../src/ha/ha-types.js';
import type { Registries } from '../../../src/ha/registries.js';

/** Builds a state object as subscribe_entities would deliver it. */
export function state(entityId: string, value: string, attributes: Record<string, unknown> = {}): HassEntity {
  const at = '2025-01-01T00:00:00.000Z';
  return { entity_id: entityId, state: value, attributes, last_changed: at, last_updated: at, context: { id: 'c', parent_id: null, user_id: null } };
}

export const floors: HaFloorEntry[] = [
  { floor_id: 'ground', name: 'Ground Floor', aliases: ['downstairs'] },
  { floor_id: 'first', name: 'First Floor', aliases: ['upstairs'] },
];

export const areas: HaAreaEntry[] = [
  { area_id: 'kitchen', name: 'Kitchen', aliases: ['cuisine'], floor_id: 'ground' },
  { area_id: 'living_room', name: 'Séjour', aliases: ['living room', 'lounge'], floor_id: 'ground' },
  { area_id: 'bedroom', name: 'Master Bedroom', aliases: [], floor_id: 'first' },
  { area_id: 'garage', name: 'Garage', aliases: [], floor_id: null },
];

export const devices: HaDeviceEntry[] = [
  { id: 'dev_hue', name: 'Hue bulb 1', name_by_user: 'Reading lamp', area_id: 'living_room' },
  { id: 'dev_tv', name: 'Samsung QE55', name_by_user: null, area_id: 'living_room' },
];

export const entities: HaEntityEntry[] = [
  { entity_id: 'light.kitchen_ceiling', name: null, original_name: 'Kitchen Light', area_id: 'kitchen', aliases: ['cooking light'] },
  { entity_id: 'light.kitchen_counter', name: null, original_name: 'Counter strip', area_id: 'kitchen', aliases: [] },
  { entity_id: 'light.reading', name: null, original_name: null, device_id: 'dev_hue', aliases: [] },
  { entity_id: 'light.bedroom', name: null, original_name: 'Bedside lamp', area_id: 'bedroom', aliases: [] },
  { entity_id: 'cover.living_blinds', name: null, original_name: 'Blinds', area_id: 'living_room', aliases: [] },
  { entity_id: 'media_player.tv', name: null, original_name: 'Television', device_id: 'dev_tv', aliases: [] },
  { entity_id: 'climate.hall', name: null, original_name: 'Hall thermostat', area_id: null, aliases: [] },
  { entity_id: 'lock.front_door', name: null, original_name: 'Front door', area_id: null, aliases: [] },
  { entity_id: 'sensor.kitchen_temperature', name: null, original_name: 'Kitchen temperature', area_id: 'kitchen', aliases: [] },
  { entity_id: 'sensor.fridge_power', name: null, original_name: 'Fridge power', area_id: 'kitchen', aliases: [] },
  { entity_id: 'switch.garage_heater', name: null, original_name: 'Heater', area_id: 'garage', aliases: [], entity_category: null },
  { entity_id: 'switch.router_restart', name: null, original_name: 'Router restart', area_id: null, aliases: [], entity_category: 'config' },
];

export const states: HassEntity[] = [
  state('light.kitchen_ceiling', 'on', { friendly_name: 'Kitchen Light', brightness: 128 }),
  state('light.kitchen_counter', 'off', { friendly_name: 'Counter strip' }),
  state('light.reading', 'off', { friendly_name: 'Reading lamp' }),
  state('light.bedroom', 'off', { friendly_name: 'Bedside lamp' }),
  state('cover.living_blinds', 'open', { friendly_name: 'Blinds', device_class: 'blind', current_position: 100 }),
  state('media_player.tv', 'playing', { friendly_name: 'Television', volume_level: 0.3, media_title: 'News' }),
  state('climate.hall', 'heat', { friendly_name: 'Hall thermostat', current_temperature: 19.5, temperature: 21 }),
  state('lock.front_door', 'locked', { friendly_name: 'Front door' }),
  state('sensor.kitchen_temperature', '21.3', { friendly_name: 'Kitchen temperature', device_class: 'temperature', unit_of_measurement: '°C' }),
  state('sensor.fridge_power', '85', { friendly_name: 'Fridge power', device_class: 'power', unit_of_measurement: 'W' }),
  state('switch.garage_heater', 'off', { friendly_name: 'Heater' }),
  state('switch.router_restart', 'off', { friendly_name: 'Router restart' }),
];

/** Registries for the small home, with optional explicit exposure decisions. */
export function registries(exposed: Record<string, boolean> = {}): Registries {
  return {
    areas: new Map(areas.map((a) => [a.area_id, a])),
    floors: new Map(floors.map((f) => [f.floor_id, f])),
    devices: new Map(devices.map((d) => [d.id, d])),
    entities: new Map(entities.map((e) => [e.entity_id, e])),
    exposeList: { exposed_entities: Object.fromEntries(Object.entries(exposed).map(([id, v]) => [id, { conversation: v }])) },
    exposeNew: true,
    loaded: true,
  };
}

/** Records of the small home. */
export function records(access: EntityAccess = 'all', exposed: Record<string, boolean> = {}): EntityRecord[] {
  const regs = registries(exposed);
  return states.map((s) => buildEntityRecord(s, regs, access));
}

/** A search function over the small home (all entities accessible). */
export function smallHomeSearch(): { corpus: SearchCorpus; top: (query: string, limit?: number) => string[] } {
  const corpus = buildCorpus(records().map((r) => r.doc));
  return { corpus, top: (query, limit = 5) => rankEntities(corpus, query, limit).map((h) => h.entityId) };
}
