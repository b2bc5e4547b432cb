import type { SimArea, SimDevice, SimEntityEntry } from '../home.js';

/** What target resolution needs to know about the home. */
export interface TargetIndex {
  entities: readonly SimEntityEntry[];
  devices: readonly SimDevice[];
  areas: readonly SimArea[];
  exists(entityId: string): boolean;
  allEntityIds(): string[];
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Entities HA skips when targeting by area, device, floor or label. */
function indirectlyTargetable(entry: SimEntityEntry): boolean {
  return entry.entity_category === null && entry.hidden_by === null && !entry.disabled_by;
}

/**
 * Resolves a service target like HA's `async_extract_referenced_entity_ids`: explicit ids,
 * `all`, devices, areas (directly or through the device), floors and labels. Ids that do not
 * exist are dropped (HA only logs a warning).
 */
export function resolveTarget(target: Record<string, unknown>, index: TargetIndex): string[] {
  const out = new Set<string>();
  const explicit = list(target.entity_id);
  if (explicit.length === 1 && explicit[0] === 'all') {
    for (const id of index.allEntityIds()) out.add(id);
  } else {
    for (const id of explicit) if (id !== 'none' && index.exists(id)) out.add(id);
  }

  const areaIds = new Set(list(target.area_id));
  const floorIds = new Set(list(target.floor_id));
  const labelIds = new Set(list(target.label_id));
  const deviceIds = new Set(list(target.device_id));
  // HA returns here too when nothing but entity ids was given, without walking the registry.
  if (areaIds.size + floorIds.size + labelIds.size + deviceIds.size === 0) return [...out];

  for (const area of index.areas) if (area.floor_id && floorIds.has(area.floor_id)) areaIds.add(area.area_id);
  for (const area of index.areas) if (area.labels?.some((l) => labelIds.has(l))) areaIds.add(area.area_id);
  for (const device of index.devices) if (device.labels?.some((l) => labelIds.has(l))) deviceIds.add(device.id);
  const deviceArea = new Map(index.devices.map((d) => [d.id, d.area_id]));

  for (const entry of index.entities) {
    if (!indirectlyTargetable(entry) || !index.exists(entry.entity_id)) continue;
    const area = entry.area_id ?? (entry.device_id ? deviceArea.get(entry.device_id) : null) ?? null;
    if (
      (entry.device_id && deviceIds.has(entry.device_id)) ||
      (area && areaIds.has(area)) ||
      entry.labels?.some((l) => labelIds.has(l))
    ) {
      out.add(entry.entity_id);
    }
  }
  return [...out];
}
