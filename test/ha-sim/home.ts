/**
 * The data a simulated Home Assistant serves: states plus the registries, shaped like HA's own
 * WebSocket answers so commands can hand them out with little translation.
 */

/** HA's event/state context; `user_id` is set when a person (token) caused the change. */
export interface SimContext {
  id: string;
  parent_id: string | null;
  user_id: string | null;
}

/** One state object as `get_states` returns it (ISO-8601 UTC timestamps). */
export interface SimState {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
  last_reported?: string;
  context: SimContext;
}

/** A floor registry entry (`config/floor_registry/list`). */
export interface SimFloor {
  floor_id: string;
  name: string;
  aliases: string[];
  icon: string | null;
  level: number | null;
}

/** An area registry entry (`config/area_registry/list`). */
export interface SimArea {
  area_id: string;
  name: string;
  aliases: string[];
  floor_id: string | null;
  icon: string | null;
  labels?: string[];
  picture?: string | null;
  humidity_entity_id?: string | null;
  temperature_entity_id?: string | null;
}

/** A device registry entry (`config/device_registry/list`). */
export interface SimDevice {
  id: string;
  name: string;
  name_by_user: string | null;
  area_id: string | null;
  manufacturer: string | null;
  model: string | null;
  sw_version?: string | null;
  hw_version?: string | null;
  serial_number?: string | null;
  entry_type?: 'service' | null;
  via_device_id?: string | null;
  disabled_by?: string | null;
  labels?: string[];
}

/** An entity registry entry (`config/entity_registry/get_entries` shape, aliases included). */
export interface SimEntityEntry {
  entity_id: string;
  name: string | null;
  original_name: string | null;
  aliases: string[];
  area_id: string | null;
  device_id: string | null;
  entity_category: 'config' | 'diagnostic' | null;
  hidden_by: 'user' | 'integration' | null;
  disabled_by?: 'user' | 'integration' | 'device' | 'hass' | 'config_entry' | null;
  platform: string;
  unique_id: string;
  has_entity_name?: boolean;
  icon?: string | null;
  labels?: string[];
  translation_key?: string | null;
  device_class?: string | null;
  original_device_class?: string | null;
}

/** One field of a service description, as `get_services` lists it. */
export interface SimServiceField {
  name?: string;
  description?: string;
  required?: boolean;
  example?: unknown;
  selector?: Record<string, unknown>;
}

/** One service description, as `get_services` lists it. */
export interface SimServiceDescription {
  name: string;
  description: string;
  fields: Record<string, SimServiceField>;
  target?: Record<string, unknown>;
  response?: { optional: boolean };
}

/** `get_services` answer: domain → service → description. */
export type SimServices = Record<string, Record<string, SimServiceDescription>>;

/** A past state of an entity, oldest first, all older than the entity's current state. */
export interface SimHistoryEntry {
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
}

/** A complete simulated home. */
export interface SimHome {
  name: string;
  /** The `get_config` object (location_name, latitude, unit_system, time_zone, version, …). */
  config: Record<string, unknown>;
  states: SimState[];
  floors: SimFloor[];
  areas: SimArea[];
  devices: SimDevice[];
  entities: SimEntityEntry[];
  /**
   * Explicit Assist (conversation) exposure decisions; absent entities follow HA's defaults. For an
   * entity in `entities` this is its registry options; for one without a registry entry (YAML, no
   * unique_id), HA's exposed-entities store.
   */
  exposed: Record<string, boolean>;
  /** "Expose new entities" of Assist (`homeassistant/expose_new_entities/get`); true when absent. */
  exposeNew?: boolean;
  /** The same for HA's other assistants (`cloud.alexa`, `cloud.google_assistant`), when set. */
  otherAssistants?: Record<string, { exposed: Record<string, boolean>; exposeNew?: boolean }>;
  services: SimServices;
  history?: Record<string, SimHistoryEntry[]>;
}
