/** Area, floor, device and entity registries and Assist exposure, in HA's wire shapes. */
import { HaError } from '../../../src/errors.js';
import type { SimCore } from '../core.js';
import type { SimDevice, SimEntityEntry } from '../home.js';
import { updateEntityEntry } from '../entity-registry-update.js';
import { exposeEntity, KNOWN_ASSISTANTS, listExposure, NEVER_EXPOSED, registryOptions, exposesNewEntities, setExposeNewEntities } from '../exposure.js';
import { checkSchema, requireAdmin, type CommandMessage, type CommandTable } from './types.js';

const ENTITY_CATEGORY_INDEX = { config: 0, diagnostic: 1 } as const;

function stamps(core: SimCore): { created_at: number; modified_at: number } {
  return { created_at: core.registryTime, modified_at: core.registryTime };
}

/** `config/entity_registry/list` entry (HA's `as_partial_dict`: no aliases). */
function partialEntry(e: SimEntityEntry, core: SimCore): Record<string, unknown> {
  return {
    area_id: e.area_id,
    categories: {},
    config_entry_id: null,
    config_subentry_id: null,
    ...stamps(core),
    device_id: e.device_id,
    disabled_by: e.disabled_by ?? null,
    entity_category: e.entity_category,
    entity_id: e.entity_id,
    has_entity_name: e.has_entity_name ?? false,
    hidden_by: e.hidden_by,
    icon: e.icon ?? null,
    id: `reg-${e.unique_id}`,
    labels: e.labels ?? [],
    name: e.name,
    options: registryOptions(core.home, e.entity_id),
    original_name: e.original_name,
    platform: e.platform,
    translation_key: e.translation_key ?? null,
    unique_id: e.unique_id,
  };
}

/** `config/entity_registry/get_entries` entry (HA's `extended_dict`: aliases included). */
function extendedEntry(e: SimEntityEntry, core: SimCore): Record<string, unknown> {
  return {
    ...partialEntry(e, core),
    aliases: e.aliases,
    capabilities: null,
    device_class: e.device_class ?? null,
    original_device_class: e.original_device_class ?? null,
    original_icon: null,
  };
}

/** `config/entity_registry/list_for_display` entry (compact keys). */
function displayEntry(e: SimEntityEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { ei: e.entity_id, pl: e.platform };
  if (e.area_id !== null) out.ai = e.area_id;
  out.lb = e.labels ?? [];
  if (e.device_id !== null) out.di = e.device_id;
  if (e.icon) out.ic = e.icon;
  if (e.translation_key) out.tk = e.translation_key;
  if (e.entity_category !== null) out.ec = ENTITY_CATEGORY_INDEX[e.entity_category];
  if (e.hidden_by !== null) out.hb = true;
  if (e.has_entity_name) out.hn = true;
  const name = e.name ?? (e.has_entity_name ? e.original_name : null);
  if (name) out.en = name;
  return out;
}

function deviceEntry(d: SimDevice, core: SimCore): Record<string, unknown> {
  return {
    area_id: d.area_id,
    configuration_url: null,
    config_entries: [],
    config_entries_subentries: {},
    connections: [],
    ...stamps(core),
    disabled_by: d.disabled_by ?? null,
    entry_type: d.entry_type ?? null,
    hw_version: d.hw_version ?? null,
    id: d.id,
    identifiers: [['sim', d.id]],
    labels: d.labels ?? [],
    manufacturer: d.manufacturer,
    model: d.model,
    model_id: null,
    name_by_user: d.name_by_user,
    name: d.name,
    primary_config_entry: null,
    serial_number: d.serial_number ?? null,
    sw_version: d.sw_version ?? null,
    via_device_id: d.via_device_id ?? null,
  };
}

export const registryCommands: CommandTable = {
  'config/area_registry/list': (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(
      msg.id,
      core.home.areas.map((a) => ({
        aliases: a.aliases,
        area_id: a.area_id,
        floor_id: a.floor_id,
        humidity_entity_id: a.humidity_entity_id ?? null,
        icon: a.icon,
        labels: a.labels ?? [],
        name: a.name,
        picture: a.picture ?? null,
        temperature_entity_id: a.temperature_entity_id ?? null,
        ...stamps(core),
      })),
    );
  },
  'config/floor_registry/list': (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.home.floors.map((f) => ({ ...f, ...stamps(core) })));
  },
  'config/device_registry/list': (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.home.devices.map((d) => deviceEntry(d, core)));
  },
  'config/entity_registry/list': (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, core.home.entities.map((e) => partialEntry(e, core)));
  },
  'config/entity_registry/list_for_display': (conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, {
      entity_categories: { '0': 'config', '1': 'diagnostic' },
      entities: core.home.entities.filter((e) => !e.disabled_by).map(displayEntry),
    });
  },
  'config/entity_registry/get_entries': (conn, msg, core) => {
    checkSchema(msg, { 'entity_ids!': 'strings' });
    const byId = new Map(core.home.entities.map((e) => [e.entity_id, e]));
    const out: Record<string, unknown> = {};
    for (const id of msg.entity_ids as string[]) {
      const entry = byId.get(id);
      out[id] = entry ? extendedEntry(entry, core) : null;
    }
    conn.result(msg.id, out);
  },
  'config/entity_registry/update': requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'entity_id!': 'string', area_id: 'any', name: 'any' });
    const changes = {
      ...(msg.area_id !== undefined && { area_id: msg.area_id as string | null }),
      ...(msg.name !== undefined && { name: msg.name as string | null }),
    };
    conn.result(msg.id, { entity_entry: extendedEntry(updateEntityEntry(core, String(msg.entity_id), changes), core) });
  }),
  'homeassistant/expose_entity/list': requireAdmin((conn, msg, core) => {
    checkSchema(msg, {});
    conn.result(msg.id, { exposed_entities: listExposure(core) });
  }),
  // HA: every assistant for every entity; refuses the whole call when one entity may never be exposed.
  'homeassistant/expose_entity': requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'assistants!': 'strings', 'entity_ids!': 'strings', 'should_expose!': 'boolean' });
    const assistants = msg.assistants as string[];
    assistants.forEach((assistant, i) => checkAssistant(assistant, `@ data['assistants'][${i}]`));
    const entityIds = msg.entity_ids as string[];
    const blocked = entityIds.find((id) => NEVER_EXPOSED.includes(id));
    if (blocked) throw new HaError('ha_error', `can't expose '${blocked}'`, 'not_allowed');
    for (const entityId of entityIds) for (const assistant of assistants) exposeEntity(core, assistant, entityId, msg.should_expose as boolean);
    conn.result(msg.id, null);
  }),
  // HA validates the assistant against the known ones (vol.In), then answers the stored preference.
  'homeassistant/expose_new_entities/get': requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'assistant!': 'string' });
    checkAssistant(msg.assistant, "for dictionary value @ data['assistant']");
    conn.result(msg.id, { expose_new: exposesNewEntities(core.home, String(msg.assistant)) });
  }),
  'homeassistant/expose_new_entities/set': requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'assistant!': 'string', 'expose_new!': 'boolean' });
    checkAssistant(msg.assistant, "for dictionary value @ data['assistant']");
    setExposeNewEntities(core.home, String(msg.assistant), msg.expose_new as boolean);
    conn.result(msg.id, null);
  }),
};

/** voluptuous' `vol.In(KNOWN_ASSISTANTS)` message for an unknown assistant; `where` ends it (`@ data['…']`). */
function checkAssistant(value: CommandMessage[string], where: string): void {
  if (KNOWN_ASSISTANTS.includes(String(value))) return;
  throw new HaError('ha_error', `value must be one of [${KNOWN_ASSISTANTS.map((a) => `'${a}'`).join(', ')}] ${where}. Got '${String(value)}'`, 'invalid_format');
}
