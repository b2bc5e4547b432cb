/**
 * Which entities HA exposes to its assistants, as HA core's
 * homeassistant/components/homeassistant/exposed_entities.py keeps and decides it: an entity with a
 * registry entry holds its choice in the entry's options (changing it fires
 * `entity_registry_updated`); an entity without one (YAML, no unique_id) holds it in HA's own
 * exposed-entities store, and changing it fires no event at all.
 */
import { createContext } from './ids.js';
import type { SimCore } from './core.js';
import type { SimEntityEntry, SimHome } from './home.js';

/** The assistants HA's exposure settings know (`KNOWN_ASSISTANTS`). */
export const KNOWN_ASSISTANTS: readonly string[] = ['cloud.alexa', 'cloud.google_assistant', 'conversation'];

/** HA's `CLOUD_NEVER_EXPOSED_ENTITIES`: refused by `homeassistant/expose_entity`, never exposed. */
export const NEVER_EXPOSED: readonly string[] = ['group.all_locks'];

/** `DEFAULT_EXPOSED_DOMAINS` of current HA (locks and scripts left it). */
const DEFAULT_EXPOSED_DOMAINS = new Set(['climate', 'cover', 'fan', 'humidifier', 'light', 'media_player', 'scene', 'switch', 'todo', 'vacuum', 'water_heater']);
/** `DEFAULT_EXPOSED_BINARY_SENSOR_DEVICE_CLASSES`. */
const DEFAULT_EXPOSED_BINARY_SENSOR_CLASSES = new Set(['door', 'garage_door', 'lock', 'motion', 'opening', 'presence', 'window']);
/** `DEFAULT_EXPOSED_SENSOR_DEVICE_CLASSES` (CO and CO2 are `carbon_monoxide` and `carbon_dioxide`). */
const DEFAULT_EXPOSED_SENSOR_CLASSES = new Set(['aqi', 'carbon_monoxide', 'carbon_dioxide', 'humidity', 'pm10', 'pm25', 'temperature', 'volatile_organic_compounds']);

const ASSIST = 'conversation';

/** One assistant's decisions (entity → exposed); Assist's are the home's `exposed`. */
function decisionsOf(home: SimHome, assistant: string): Record<string, boolean> {
  if (assistant === ASSIST) return home.exposed;
  home.otherAssistants ??= {};
  return (home.otherAssistants[assistant] ??= { exposed: {} }).exposed;
}

function registryEntry(core: SimCore, entityId: string): SimEntityEntry | undefined {
  return core.home.entities.find((e) => e.entity_id === entityId);
}

/** Every assistant's decision about one entity, as HA's `async_get_entity_settings` reads them. */
function settingsOf(home: SimHome, entityId: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const assistant of KNOWN_ASSISTANTS) {
    const value = decisionsOf(home, assistant)[entityId];
    if (value !== undefined) out[assistant] = value;
  }
  return out;
}

/** A registry entry's `options` as HA's entity registry lists them (only exposure is simulated). */
export function registryOptions(home: SimHome, entityId: string): Record<string, { should_expose: boolean }> {
  return Object.fromEntries(Object.entries(settingsOf(home, entityId)).map(([assistant, value]) => [assistant, { should_expose: value }]));
}

/**
 * `homeassistant/expose_entity/list`: the store's entities with a decision, then every registry
 * entry (`{}` when nobody decided), as HA chains them.
 */
export function listExposure(core: SimCore): Record<string, Record<string, boolean>> {
  const assistants = KNOWN_ASSISTANTS.map((assistant) => [assistant, decisionsOf(core.home, assistant)] as const);
  const settings = (entityId: string): Record<string, boolean> => {
    const out: Record<string, boolean> = {};
    for (const [assistant, decisions] of assistants) if (decisions[entityId] !== undefined) out[assistant] = decisions[entityId];
    return out;
  };
  const registered = new Set(core.home.entities.map((e) => e.entity_id));
  const out: Record<string, Record<string, boolean>> = {};
  for (const [, decisions] of assistants) for (const entityId of Object.keys(decisions)) if (!registered.has(entityId)) out[entityId] = settings(entityId);
  for (const entityId of registered) out[entityId] = settings(entityId);
  return out;
}

/**
 * HA's `async_expose_entity`: nothing when the choice is already that; a registry entry's options
 * change and `entity_registry_updated` fires with the old options; otherwise the store changes
 * silently.
 */
export function exposeEntity(core: SimCore, assistant: string, entityId: string, shouldExpose: boolean): void {
  const decisions = decisionsOf(core.home, assistant);
  if (decisions[entityId] === shouldExpose) return;
  const entry = registryEntry(core, entityId);
  const oldOptions = registryOptions(core.home, entityId);
  decisions[entityId] = shouldExpose;
  if (entry) {
    core.bus.fire('entity_registry_updated', { action: 'update', entity_id: entityId, changes: { options: oldOptions } }, createContext(null, Date.now()), core.now());
  }
}

/** HA's `async_get_expose_new_entities`: the stored preference, else on for Assist only. */
export function exposesNewEntities(home: SimHome, assistant: string): boolean {
  if (assistant === ASSIST) return home.exposeNew ?? true;
  return home.otherAssistants?.[assistant]?.exposeNew ?? false;
}

/** HA's `async_set_expose_new_entities` (no event). */
export function setExposeNewEntities(home: SimHome, assistant: string, exposeNew: boolean): void {
  if (assistant === ASSIST) {
    home.exposeNew = exposeNew;
    return;
  }
  decisionsOf(home, assistant);
  const settings = home.otherAssistants?.[assistant];
  if (settings) settings.exposeNew = exposeNew;
}

/** HA's `_is_default_exposed`: never a config/diagnostic or hidden entry; else by domain and device class. */
function isDefaultExposed(core: SimCore, entityId: string, entry: SimEntityEntry | undefined): boolean {
  if (entry && (entry.entity_category !== null || entry.hidden_by !== null)) return false;
  const domain = entityId.split('.', 1)[0] ?? '';
  if (DEFAULT_EXPOSED_DOMAINS.has(domain)) return true;
  const state = core.store.get(entityId);
  if (!state) return false;
  const deviceClass = entry?.device_class ?? entry?.original_device_class ?? state.attributes.device_class;
  if (domain === 'binary_sensor') return typeof deviceClass === 'string' && DEFAULT_EXPOSED_BINARY_SENSOR_CLASSES.has(deviceClass);
  if (domain === 'sensor') return typeof deviceClass === 'string' && DEFAULT_EXPOSED_SENSOR_CLASSES.has(deviceClass);
  return false;
}

/**
 * HA's `async_should_expose`: an explicit choice wins; otherwise the default (when the assistant
 * exposes new entities), which HA then stores as the entity's choice, as this does.
 */
export function shouldExpose(core: SimCore, entityId: string, assistant = ASSIST): boolean {
  if (NEVER_EXPOSED.includes(entityId)) return false;
  const decided = decisionsOf(core.home, assistant)[entityId];
  if (decided !== undefined) return decided;
  const value = exposesNewEntities(core.home, assistant) && isDefaultExposed(core, entityId, registryEntry(core, entityId));
  exposeEntity(core, assistant, entityId, value);
  return value;
}
