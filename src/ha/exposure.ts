/**
 * Which entities the agent may see: HA's Assist ("conversation") exposure, decided exactly as HA
 * core's `homeassistant/exposed_entities.py` does — an explicit choice wins; otherwise, when
 * "expose new entities" is on, the default rules below apply.
 */
import type { HaEntityEntry, HaExposeList } from './ha-types.js';

/** Domains HA exposes to Assist by default (locks and scripts are no longer among them). */
export const DEFAULT_EXPOSED_DOMAINS: ReadonlySet<string> = new Set([
  'climate',
  'cover',
  'fan',
  'humidifier',
  'light',
  'media_player',
  'scene',
  'switch',
  'todo',
  'vacuum',
  'water_heater',
]);

/** binary_sensor device classes exposed by default. */
export const DEFAULT_EXPOSED_BINARY_SENSOR_CLASSES: ReadonlySet<string> = new Set([
  'door',
  'garage_door',
  'lock',
  'motion',
  'opening',
  'presence',
  'window',
]);

/** sensor device classes exposed by default. */
export const DEFAULT_EXPOSED_SENSOR_CLASSES: ReadonlySet<string> = new Set([
  'aqi',
  'carbon_monoxide',
  'carbon_dioxide',
  'humidity',
  'pm10',
  'pm25',
  'temperature',
  'volatile_organic_compounds',
]);

/** Entities HA never exposes, whatever the user chose. */
const NEVER_EXPOSED: ReadonlySet<string> = new Set(['group.all_locks']);

const ASSISTANT = 'conversation';

/** HA's default for an entity nobody decided about. */
export function isDefaultExposed(entityId: string, entry: HaEntityEntry | undefined, deviceClass: string | undefined): boolean {
  if (entry && ((entry.entity_category ?? null) !== null || (entry.hidden_by ?? null) !== null)) return false;
  const domain = entityId.split('.', 1)[0] ?? '';
  if (DEFAULT_EXPOSED_DOMAINS.has(domain)) return true;
  if (deviceClass === undefined) return false;
  if (domain === 'binary_sensor') return DEFAULT_EXPOSED_BINARY_SENSOR_CLASSES.has(deviceClass);
  if (domain === 'sensor') return DEFAULT_EXPOSED_SENSOR_CLASSES.has(deviceClass);
  return false;
}

/** The explicit Assist decision for an entity, from the expose list or the registry options. */
export function explicitExposure(entityId: string, list: HaExposeList | undefined, entry: HaEntityEntry | undefined): boolean | undefined {
  const listed = list?.exposed_entities[entityId]?.[ASSISTANT];
  if (typeof listed === 'boolean') return listed;
  const option = entry?.options?.[ASSISTANT]?.['should_expose'];
  return typeof option === 'boolean' ? option : undefined;
}

/** Everything the exposure decision depends on. */
export interface ExposureInput {
  entityId: string;
  entry: HaEntityEntry | undefined;
  deviceClass: string | undefined;
  list: HaExposeList | undefined;
  /** HA's "expose new entities" switch for Assist (on unless the user turned it off). */
  exposeNew: boolean;
}

/** Whether HA exposes this entity to Assist. */
export function isExposed(input: ExposureInput): boolean {
  if (NEVER_EXPOSED.has(input.entityId)) return false;
  const explicit = explicitExposure(input.entityId, input.list, input.entry);
  if (explicit !== undefined) return explicit;
  return input.exposeNew && isDefaultExposed(input.entityId, input.entry, input.deviceClass);
}

/** Entities whose explicit Assist decision differs between two reads of the expose list. */
export function changedDecisions(before: HaExposeList | undefined, after: HaExposeList): string[] {
  // Read on every write over thousands of entities: plain loops, no intermediate sets.
  const previous = before?.exposed_entities ?? {};
  const changed: string[] = [];
  for (const [id, settings] of Object.entries(after.exposed_entities)) if (previous[id]?.[ASSISTANT] !== settings[ASSISTANT]) changed.push(id);
  for (const [id, settings] of Object.entries(previous)) if (!(id in after.exposed_entities) && settings[ASSISTANT] !== undefined) changed.push(id);
  return changed;
}

/**
 * The expose list as the index keeps it: Assist's decisions only. HA lists every registry entry,
 * `{}` when nobody decided, and the other assistants' choices; thousands of objects held for nothing.
 */
export function assistDecisions(list: HaExposeList): HaExposeList {
  const kept: HaExposeList['exposed_entities'] = {};
  for (const [id, settings] of Object.entries(list.exposed_entities)) {
    const value = settings[ASSISTANT];
    if (typeof value === 'boolean') kept[id] = { [ASSISTANT]: value };
  }
  return { exposed_entities: kept };
}
