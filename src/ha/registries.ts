/**
 * Fetches HA's area, floor, device and entity registries plus the Assist exposure settings in one
 * go. Each part degrades on its own: a refused or unknown command leaves that part empty (and the
 * caller keeps its previous copy when everything failed because HA went away).
 */
import { HaError } from '../errors.js';
import type { Logger } from '../logger.js';
import { assistDecisions } from './exposure.js';
import type { HaAreaEntry, HaDeviceEntry, HaEntityEntry, HaExposeList, HaFloorEntry } from './ha-types.js';

/** Sends one WebSocket command and resolves with its result. */
export type SendCommand = <T>(message: { type: string; [key: string]: unknown }) => Promise<T>;

/** Everything the index knows besides states. */
export interface Registries {
  areas: ReadonlyMap<string, HaAreaEntry>;
  floors: ReadonlyMap<string, HaFloorEntry>;
  devices: ReadonlyMap<string, HaDeviceEntry>;
  entities: ReadonlyMap<string, HaEntityEntry>;
  /** Absent when the token may not read it (non-admin): registry options are used instead. */
  exposeList: HaExposeList | undefined;
  exposeNew: boolean;
  /** False until HA answered once: exposure cannot be decided before (so nothing is exposed). */
  loaded: boolean;
}

/** Registries of a home HA has told us nothing about yet. */
export const EMPTY_REGISTRIES: Registries = {
  loaded: false,
  areas: new Map(),
  floors: new Map(),
  devices: new Map(),
  entities: new Map(),
  exposeList: undefined,
  exposeNew: true,
};

function byKey<T>(items: readonly T[] | undefined, key: (item: T) => string, keep: (item: T) => T = (item) => item): Map<string, T> {
  return new Map((items ?? []).map((item) => [key(item), keep(item)]));
}

/**
 * The fields of an entity registry entry the index reads. HA sends about twenty (unique ids,
 * config entries, icons, timestamps, every integration's options); a home of thousands of entities
 * would hold them all for nothing. Of the options only Assist's exposure decision is kept.
 */
export function entityEntryFields(entry: HaEntityEntry): HaEntityEntry {
  const conversation = entry.options?.['conversation'];
  return {
    entity_id: entry.entity_id,
    name: entry.name ?? null,
    original_name: entry.original_name ?? null,
    aliases: entry.aliases ?? null,
    area_id: entry.area_id ?? null,
    device_id: entry.device_id ?? null,
    entity_category: entry.entity_category ?? null,
    hidden_by: entry.hidden_by ?? null,
    disabled_by: entry.disabled_by ?? null,
    device_class: entry.device_class ?? null,
    original_device_class: entry.original_device_class ?? null,
    ...(conversation && 'should_expose' in conversation ? { options: { conversation: { should_expose: conversation['should_expose'] } } } : {}),
  };
}

/** The fields of a device registry entry the index reads (HA also sends model, firmware, connections…). */
export function deviceEntryFields(entry: HaDeviceEntry): HaDeviceEntry {
  return { id: entry.id, name: entry.name ?? null, name_by_user: entry.name_by_user ?? null, area_id: entry.area_id ?? null, disabled_by: entry.disabled_by ?? null };
}

/** `config/entity_registry/list` has no aliases; `get_entries` does (HA 2023.x+). */
async function withAliases(send: SendCommand, entries: HaEntityEntry[]): Promise<HaEntityEntry[]> {
  if (entries.length === 0 || entries.every((e) => Array.isArray(e.aliases))) return entries;
  let extended: Record<string, HaEntityEntry | null>;
  try {
    extended = await send<Record<string, HaEntityEntry | null>>({
      type: 'config/entity_registry/get_entries',
      entity_ids: entries.map((e) => e.entity_id),
    });
  } catch (err) {
    if (err instanceof HaError && (err.code === 'ha_unavailable' || err.code === 'ha_outcome_unknown')) throw err;
    return entries;
  }
  return entries.map((entry) => {
    const full = extended[entry.entity_id];
    return full ? { ...entry, aliases: full.aliases ?? [], device_class: full.device_class ?? null, original_device_class: full.original_device_class ?? null } : entry;
  });
}

/**
 * Fetches all registries in parallel. Throws when HA went away meanwhile, or a read was lost with it (a half-read snapshot
 * could show entities the user hid) or when every part failed; a part HA refuses is left empty.
 */
export async function fetchRegistries(send: SendCommand, logger: Logger): Promise<Registries> {
  const failures: string[] = [];
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof HaError && (err.code === 'ha_unavailable' || err.code === 'ha_outcome_unknown')) throw err;
      failures.push(what);
      logger.warn({ what, err: err instanceof Error ? err.message : err }, 'could not read a Home Assistant registry');
      return undefined;
    }
  };
  const [areas, floors, devices, entities, exposeList, exposeNew] = await Promise.all([
    attempt('areas', () => send<HaAreaEntry[]>({ type: 'config/area_registry/list' })),
    attempt('floors', () => send<HaFloorEntry[]>({ type: 'config/floor_registry/list' })),
    attempt('devices', () => send<HaDeviceEntry[]>({ type: 'config/device_registry/list' })),
    attempt('entities', async () => withAliases(send, await send<HaEntityEntry[]>({ type: 'config/entity_registry/list' }))),
    attempt('exposure', () => send<HaExposeList>({ type: 'homeassistant/expose_entity/list' })),
    attempt('expose_new', () =>
      send<{ expose_new: boolean }>({ type: 'homeassistant/expose_new_entities/get', assistant: 'conversation' }),
    ),
  ]);
  if (failures.length === 6) throw new HaError('ha_error', 'Home Assistant refused every registry request');
  return {
    areas: byKey(areas, (a) => a.area_id),
    floors: byKey(floors, (f) => f.floor_id),
    devices: byKey(devices, (d) => d.id, deviceEntryFields),
    entities: byKey(entities, (e) => e.entity_id, entityEntryFields),
    exposeList: exposeList && assistDecisions(exposeList),
    exposeNew: exposeNew?.expose_new ?? true,
    loaded: true,
  };
}
