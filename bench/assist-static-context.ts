/**
 * What Home Assistant's own LLM API (the "Assist" API of `homeassistant/helpers/llm.py`) puts in
 * the system prompt for a home: a "Static Context" YAML listing every exposed entity. Rebuilt
 * here from a simulator home, with HA's default exposure rules, so the bench can set its size
 * beside Majordome's prompt.
 */
import { stringify } from 'yaml';
import { isExposed } from '../src/ha/exposure.js';
import type { HaExposeList } from '../src/ha/ha-types.js';
import type { SimEntityEntry, SimHome, SimState } from '../test/ha-sim/index.js';

/** HA's header line above the YAML. */
export const STATIC_CONTEXT_HEADER = 'Static Context: An overview of the areas and the devices in this smart home:';

/** Attributes HA copies into the context when it includes states (`interesting_attributes`). */
const INTERESTING_ATTRIBUTES: ReadonlySet<string> = new Set([
  'temperature',
  'current_temperature',
  'temperature_unit',
  'brightness',
  'humidity',
  'unit_of_measurement',
  'device_class',
  'current_position',
  'percentage',
  'volume_level',
  'media_title',
  'media_artist',
  'media_album_name',
]);

/** One entity of the Static Context, keys in HA's order. */
export interface AssistEntityInfo {
  names: string;
  domain: string;
  state?: string;
  areas?: string;
  attributes?: Record<string, unknown>;
}

/** HA's `_get_exposed_entities` result: scripts and calendars split out of `entities`. */
export interface AssistExposure {
  entities: Map<string, AssistEntityInfo>;
  scripts: Map<string, AssistEntityInfo>;
  calendars: Map<string, AssistEntityInfo>;
}

/** HA's `State.name`: the friendly name, else the object id with spaces. */
export function stateName(state: SimState): string {
  const friendly = state.attributes['friendly_name'];
  if (typeof friendly === 'string' && friendly !== '') return friendly;
  return (state.entity_id.split('.')[1] ?? '').replaceAll('_', ' ');
}

function exposeList(home: SimHome): HaExposeList {
  return { exposed_entities: Object.fromEntries(Object.entries(home.exposed).map(([id, on]) => [id, { conversation: on }])) };
}

/** Area names (name, then aliases) of the entity's own area, else of its device's area. */
function areaNames(home: SimHome, entry: SimEntityEntry | undefined): string[] {
  if (!entry) return [];
  const deviceArea = entry.device_id ? home.devices.find((d) => d.id === entry.device_id)?.area_id : undefined;
  const areaId = entry.area_id ?? deviceArea ?? null;
  const area = areaId ? home.areas.find((a) => a.area_id === areaId) : undefined;
  return area ? [area.name, ...area.aliases] : [];
}

/** HA stringifies ints (and enums, decimals) in attributes; floats and the rest stay as they are. */
function attributeValue(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
}

function entityInfo(home: SimHome, state: SimState, entry: SimEntityEntry | undefined, includeState: boolean): AssistEntityInfo {
  const names = [...new Set([stateName(state), ...(entry?.aliases ?? [])])];
  const info: AssistEntityInfo = { names: names.join(', '), domain: state.entity_id.split('.')[0] ?? '' };
  if (includeState) info.state = state.state;
  const areas = areaNames(home, entry);
  if (areas.length > 0) info.areas = areas.join(', ');
  if (includeState) {
    const attributes = Object.entries(state.attributes).filter(([name]) => INTERESTING_ATTRIBUTES.has(name));
    if (attributes.length > 0) info.attributes = Object.fromEntries(attributes.map(([name, value]) => [name, attributeValue(value)]));
  }
  return info;
}

/**
 * HA's `_get_exposed_entities(hass, "conversation", include_state)`: exposed states sorted by
 * name. Current HA builds the prompt with `include_state=False` (live state comes from its
 * GetLiveContext tool); releases before that tool put state and attributes in the prompt.
 */
export function getExposedEntities(home: SimHome, includeState: boolean): AssistExposure {
  const entries = new Map(home.entities.map((e) => [e.entity_id, e]));
  const list = exposeList(home);
  const exposure: AssistExposure = { entities: new Map(), scripts: new Map(), calendars: new Map() };
  const sorted = [...home.states].sort((a, b) => {
    const x = stateName(a);
    const y = stateName(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const state of sorted) {
    const entry = entries.get(state.entity_id);
    const deviceClass = typeof state.attributes['device_class'] === 'string' ? state.attributes['device_class'] : undefined;
    if (!isExposed({ entityId: state.entity_id, entry, deviceClass, list, exposeNew: true })) continue;
    const info = entityInfo(home, state, entry, includeState);
    const bucket = info.domain === 'script' ? exposure.scripts : info.domain === 'calendar' ? exposure.calendars : exposure.entities;
    bucket.set(state.entity_id, info);
  }
  return exposure;
}

/** `yaml_util.dump` (PyYAML safe_dump, block style, keys unsorted, YAML 1.1 quoting of on/off). */
export function dumpLikeHa(value: unknown): string {
  return stringify(value, { version: '1.1', singleQuote: true, indentSeq: false, lineWidth: 80 });
}

/** The Static Context section of HA's Assist prompt, or '' when nothing is exposed. */
export function buildStaticContext(exposure: AssistExposure): string {
  if (exposure.entities.size === 0) return '';
  return `${STATIC_CONTEXT_HEADER}\n${dumpLikeHa([...exposure.entities.values()])}`;
}
