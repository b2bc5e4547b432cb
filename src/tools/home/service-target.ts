/**
 * Decides which entities a service call may touch. Area and device targets are expanded to the
 * accessible entities they hold, so HA never acts on something the agent cannot see; anything
 * naming an inaccessible entity, or trying to slip a target through `data`, is refused.
 */

/** The target the model asked for. */
export interface TargetInput {
  entity_id?: string | string[] | undefined;
  area_id?: string | string[] | undefined;
  device_id?: string | string[] | undefined;
}

/** What target resolution needs to know about the home (EntityIndex implements it). */
export interface TargetLookup {
  isAccessible(entityId: string): boolean;
  resolveAreas(text: string): string[];
  entitiesInArea(areaId: string, domain?: string): string[];
  entitiesOfDevice(deviceId: string): string[];
  hasDevice(deviceId: string): boolean;
  /** True when HA has entities of this domain (so a service of it acts on entities). */
  hasDomain(domain: string): boolean;
}

/** Either the explicit entity ids to call with (undefined: the call has no target) or a refusal. */
export type TargetResolution = { ok: true; entityIds: string[] | undefined } | { ok: false; message: string };

/** Target keys HA would honour inside service data. */
const TARGET_KEYS = ['entity_id', 'area_id', 'device_id', 'floor_id', 'label_id', 'target'];

const ENTITY_ID = /^([a-z0-9_]+)\.[a-z0-9_]+$/;

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

/** Target keys found at the top level of `data`. */
export function smuggledTargetKeys(data: Readonly<Record<string, unknown>>): string[] {
  return TARGET_KEYS.filter((key) => key in data);
}

/**
 * Entity ids mentioned anywhere inside `data`, as keys or string values (scene.apply takes
 * `entities: {light.x: "on"}`, media_player.join takes `group_members`).
 */
export function entityIdsInData(data: unknown, isEntityDomain: (domain: string) => boolean): string[] {
  const found = new Set<string>();
  const consider = (text: string): void => {
    const match = ENTITY_ID.exec(text);
    if (match?.[1] && isEntityDomain(match[1])) found.add(text);
  };
  const walk = (value: unknown, depth: number): void => {
    if (depth > 6) return;
    if (typeof value === 'string') consider(value);
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        consider(key);
        walk(item, depth + 1);
      }
    }
  };
  walk(data, 0);
  return [...found];
}

/** Resolves a service target to explicit accessible entity ids, or explains the refusal. */
export function resolveTarget(serviceDomain: string, target: TargetInput | undefined, lookup: TargetLookup): TargetResolution {
  const entityIds = list(target?.entity_id);
  const areaIds = list(target?.area_id);
  const deviceIds = list(target?.device_id);
  if (entityIds.length + areaIds.length + deviceIds.length === 0) return { ok: true, entityIds: undefined };

  const hidden = entityIds.filter((id) => !lookup.isAccessible(id));
  if (hidden.length > 0) {
    return { ok: false, message: `${hidden.join(', ')}: not found or not exposed to the assistant. Use ha_find_entities.` };
  }
  const domainFilter = lookup.hasDomain(serviceDomain) ? serviceDomain : undefined;
  const resolved = new Set(entityIds);
  for (const area of areaIds) {
    const ids = lookup.resolveAreas(area);
    if (ids.length === 0) return { ok: false, message: `Unknown area "${area}". Use ha_list_areas.` };
    for (const id of ids) for (const entityId of lookup.entitiesInArea(id, domainFilter)) resolved.add(entityId);
  }
  for (const device of deviceIds) {
    if (!lookup.hasDevice(device)) return { ok: false, message: `Unknown device "${device}".` };
    for (const entityId of lookup.entitiesOfDevice(device)) {
      if (!domainFilter || entityId.startsWith(`${domainFilter}.`)) resolved.add(entityId);
    }
  }
  if (resolved.size === 0) {
    const what = domainFilter ? `${domainFilter} entity` : 'entity';
    return { ok: false, message: `No ${what} you may use in that target; nothing was done.` };
  }
  return { ok: true, entityIds: [...resolved].sort() };
}
