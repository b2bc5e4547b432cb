/**
 * Resolves what the model passes as an area ("kitchen", "living_room", "Séjour", "upstairs") to
 * area ids: by id, by name or alias, by floor, then by a typo-tolerant name match.
 */
import type { HaAreaEntry, HaFloorEntry } from './ha-types.js';
import { editDistance, tokenize, typoBudget } from './text-normalize.js';

function folded(values: readonly (string | null | undefined)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string').map((v) => tokenize(v).join(' '));
}

function closeEnough(a: string, b: string): boolean {
  const budget = Math.min(typoBudget(a.replace(/ /g, '')), typoBudget(b.replace(/ /g, '')));
  return budget > 0 && editDistance(a, b, budget) <= budget;
}

/** Area ids matching `text`; empty when nothing does. */
export function resolveAreaIds(
  text: string,
  areas: ReadonlyMap<string, HaAreaEntry>,
  floors: ReadonlyMap<string, HaFloorEntry>,
): string[] {
  const raw = text.trim();
  if (areas.has(raw)) return [raw];
  const wanted = tokenize(raw).join(' ');
  if (wanted === '') return [];
  const all = [...areas.values()];
  const names = (area: HaAreaEntry): string[] => folded([area.name, area.area_id.replace(/_/g, ' '), ...(area.aliases ?? [])]);
  const exact = all.filter((a) => names(a).includes(wanted));
  if (exact.length > 0) return exact.map((a) => a.area_id);
  const floorIds = [...floors.values()]
    .filter((f) => f.floor_id === raw || folded([f.name, f.floor_id.replace(/_/g, ' '), ...(f.aliases ?? [])]).includes(wanted))
    .map((f) => f.floor_id);
  if (floorIds.length > 0) return all.filter((a) => a.floor_id && floorIds.includes(a.floor_id)).map((a) => a.area_id);
  return all.filter((a) => names(a).some((n) => closeEnough(n, wanted))).map((a) => a.area_id);
}

