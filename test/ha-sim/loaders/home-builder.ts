/**
 * Turns a loader's plain description of a home into a complete SimHome: states with
 * friendly names and stable timestamps/contexts, registry entries, services and config.
 */
import type { SimArea, SimDevice, SimEntityEntry, SimFloor, SimHistoryEntry, SimHome, SimState } from '../home.js';
import { stableUlid, toHaIso } from '../ids.js';
import { buildDomainSpecs, describeServices } from '../services/catalog.js';

/** The fixed "now" of every loaded home; the sim shifts all times to its own clock at start. */
export const HOME_EPOCH = Date.parse('2026-01-01T12:00:00Z');

/** One entity as a loader describes it. */
export interface EntitySeed {
  entity_id: string;
  /** The entity's own name (registry `original_name`, state `friendly_name`). */
  name: string | null;
  state: string;
  attributes?: Record<string, unknown>;
  area_id?: string | null;
  device_id?: string | null;
  aliases?: string[];
  entity_category?: 'config' | 'diagnostic' | null;
  hidden_by?: 'user' | 'integration' | null;
  platform?: string;
  labels?: string[];
  /**
   * False for an entity without a unique_id (set up in YAML, or a legacy platform such as HA's
   * demo locks): it has no entity registry entry, so no area, aliases or category, and its
   * exposure lives in HA's exposed-entities store (changed without any event).
   */
  registry?: boolean;
  /** Minutes before HOME_EPOCH the state last changed (default: spread deterministically). */
  changedMinutesAgo?: number;
}

/** What a loader knows about a home. */
export interface HomeSeed {
  name: string;
  config?: Record<string, unknown>;
  units?: 'metric' | 'imperial';
  floors?: SimFloor[];
  areas?: SimArea[];
  devices?: SimDevice[];
  entities: EntitySeed[];
  exposed?: Record<string, boolean>;
  /** Phone names; each becomes a `notify.mobile_app_<name>` service. */
  phones?: string[];
  history?: Record<string, SimHistoryEntry[]>;
  platform?: string;
}

const UNITS = {
  metric: { length: 'km', accumulated_precipitation: 'mm', area: 'm²', mass: 'g', pressure: 'Pa', temperature: '°C', volume: 'L', wind_speed: 'm/s' },
  imperial: { length: 'mi', accumulated_precipitation: 'in', area: 'ft²', mass: 'lb', pressure: 'psi', temperature: '°F', volume: 'gal', wind_speed: 'mph' },
};

/** HA's `slugify` for ids: lower case, non-alphanumerics collapsed to `_`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A floor/area entry with HA's defaults filled in. */
export function floor(floor_id: string, name: string, level: number | null = null): SimFloor {
  return { floor_id, name, aliases: [], icon: null, level };
}

export function area(area_id: string, name: string, floor_id: string | null = null, aliases: string[] = []): SimArea {
  return { area_id, name, aliases, floor_id, icon: null, labels: [], picture: null };
}

function baseConfig(seed: HomeSeed, domains: string[]): Record<string, unknown> {
  return {
    latitude: 52.3731,
    longitude: 4.8922,
    elevation: 0,
    radius: 100,
    unit_system: UNITS[seed.units ?? 'metric'],
    location_name: seed.name,
    time_zone: 'Europe/Amsterdam',
    components: [...new Set([...domains, 'homeassistant', 'websocket_api', 'api', 'history', 'recorder', 'conversation'])].sort(),
    config_dir: '/config',
    allowlist_external_dirs: [],
    allowlist_external_urls: [],
    version: '2026.11.0',
    config_source: 'storage',
    recovery_mode: false,
    safe_mode: false,
    state: 'RUNNING',
    external_url: null,
    internal_url: null,
    currency: 'EUR',
    country: 'NL',
    language: 'en',
    debug: false,
    ...seed.config,
  };
}

function toState(seed: EntitySeed, index: number): SimState {
  const minutes = seed.changedMinutesAgo ?? ((index * 37) % 240) + 1;
  const time = HOME_EPOCH - minutes * 60_000;
  const attributes = { ...seed.attributes };
  if (seed.name !== null && attributes.friendly_name === undefined) attributes.friendly_name = seed.name;
  const iso = toHaIso(time);
  return {
    entity_id: seed.entity_id,
    state: seed.state,
    attributes,
    last_changed: iso,
    last_updated: iso,
    last_reported: iso,
    context: { id: stableUlid(seed.entity_id, time), parent_id: null, user_id: null },
  };
}

function toEntry(seed: EntitySeed, platform: string): SimEntityEntry {
  return {
    entity_id: seed.entity_id,
    name: null,
    original_name: seed.name,
    aliases: seed.aliases ?? [],
    area_id: seed.area_id ?? null,
    device_id: seed.device_id ?? null,
    entity_category: seed.entity_category ?? null,
    hidden_by: seed.hidden_by ?? null,
    disabled_by: null,
    platform: seed.platform ?? platform,
    unique_id: `${seed.platform ?? platform}-${seed.entity_id}`,
    has_entity_name: false,
    icon: null,
    labels: seed.labels ?? [],
    translation_key: null,
    device_class: null,
    original_device_class: typeof seed.attributes?.device_class === 'string' ? seed.attributes.device_class : null,
  };
}

/** Builds the full home. */
export function buildHome(seed: HomeSeed): SimHome {
  const ids = seed.entities.map((e) => e.entity_id);
  const domains = [...new Set(ids.map((id) => id.split('.', 1)[0] ?? ''))];
  const specs = buildDomainSpecs(ids, (seed.phones ?? []).map((p) => `mobile_app_${slugify(p)}`));
  const home: SimHome = {
    name: seed.name,
    config: baseConfig(seed, domains),
    states: seed.entities.map(toState),
    floors: seed.floors ?? [],
    areas: seed.areas ?? [],
    devices: seed.devices ?? [],
    entities: seed.entities.filter((e) => e.registry !== false).map((e) => toEntry(e, seed.platform ?? 'demo')),
    exposed: seed.exposed ?? {},
    services: describeServices(specs),
  };
  if (seed.history) home.history = seed.history;
  return home;
}

/** A device entry with HA's defaults filled in. */
export function device(id: string, name: string, area_id: string | null, info: Partial<SimDevice> = {}): SimDevice {
  return {
    id,
    name,
    name_by_user: null,
    area_id,
    manufacturer: null,
    model: null,
    sw_version: null,
    hw_version: null,
    serial_number: null,
    entry_type: null,
    via_device_id: null,
    disabled_by: null,
    labels: [],
    ...info,
  };
}

/**
 * Hourly past readings of a numeric entity, ending before its current state (HOME_EPOCH-based).
 * `valueAt(hoursAgo)` gives the reading.
 */
export function hourlyHistory(
  hours: number,
  endMinutesAgo: number,
  attributes: Record<string, unknown>,
  valueAt: (hoursAgo: number) => string,
): SimHistoryEntry[] {
  return Array.from({ length: hours }, (_, i) => {
    const hoursAgo = hours - i;
    const iso = toHaIso(HOME_EPOCH - endMinutesAgo * 60_000 - hoursAgo * 3_600_000);
    return { state: valueAt(hoursAgo), attributes, last_changed: iso, last_updated: iso };
  });
}

/**
 * Exposure as an Assist test harness sets it: every entity explicitly exposed except the given
 * ones (explicitly not) and entities with an entity category (left to HA's defaults). Locks,
 * alarm panels and scripts are then exposed on purpose, which HA's default never does.
 */
export function exposeAllExcept(entities: readonly EntitySeed[], unexposed: readonly string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const e of entities) {
    if (unexposed.includes(e.entity_id)) out[e.entity_id] = false;
    else if (!e.entity_category) out[e.entity_id] = true;
  }
  return out;
}
