/**
 * Wire shapes of the HA WebSocket answers the index reads. Only the fields Majordome uses are
 * listed; HA sends more, and older versions omit some (hence the optional markers).
 */

/** `config/floor_registry/list` entry. */
export interface HaFloorEntry {
  floor_id: string;
  name: string;
  aliases?: string[] | null;
  level?: number | null;
}

/** `config/area_registry/list` entry. */
export interface HaAreaEntry {
  area_id: string;
  name: string;
  aliases?: string[] | null;
  floor_id?: string | null;
}

/** `config/device_registry/list` entry. */
export interface HaDeviceEntry {
  id: string;
  name?: string | null;
  name_by_user?: string | null;
  area_id?: string | null;
  disabled_by?: string | null;
}

/**
 * `config/entity_registry/list` entry (`get_entries` adds `aliases` and `device_class`).
 * `options.conversation.should_expose` carries the Assist exposure decision on recent HA.
 */
export interface HaEntityEntry {
  entity_id: string;
  name?: string | null;
  original_name?: string | null;
  aliases?: string[] | null;
  area_id?: string | null;
  device_id?: string | null;
  entity_category?: string | null;
  hidden_by?: string | null;
  disabled_by?: string | null;
  device_class?: string | null;
  original_device_class?: string | null;
  options?: Record<string, Record<string, unknown> | null | undefined> | null;
}

/** `homeassistant/expose_entity/list` answer. */
export interface HaExposeList {
  exposed_entities: Record<string, Record<string, boolean | undefined>>;
}

/** One row of `history/history_during_period` with `minimal_response` (epoch seconds). */
export interface HaCompressedHistoryRow {
  s: string;
  a?: Record<string, unknown>;
  lu?: number;
  lc?: number;
}

/** `history/history_during_period` answer: entity id → rows, oldest first. */
export type HaHistoryResult = Record<string, HaCompressedHistoryRow[]>;
