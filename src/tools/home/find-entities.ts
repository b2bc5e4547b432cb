import { z } from 'zod';
import { isPlural, t } from '../../messages/messages.js';
import { DEFAULT_SEARCH_LIMIT, EXPOSURE_READ_MAX_AGE_MS, MAX_SEARCH_LIMIT } from '../../ha/entity-index.js';
import { errorResult, okResult, type Tool } from '../tool.js';
import type { HomeToolDeps } from './deps.js';
import { markFreeText } from './free-text.js';
import { unavailableResult } from './results.js';

const input = z.object({
  query: z.string().max(500).optional().describe('Words naming the device: name, room, kind ("kitchen ceiling light"). A whole request works too.'),
  domain: z.string().max(60).optional().describe('Only this HA domain: light, switch, cover, climate, sensor…'),
  area: z.string().max(100).optional().describe('Only this area (name or area_id) or floor.'),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().describe(`Default ${DEFAULT_SEARCH_LIMIT}.`),
});

/** `ha_find_entities`: ranked search over the entities the agent may use. */
export function createFindEntitiesTool({ ha, index }: HomeToolDeps): Tool<z.infer<typeof input>> {
  return {
    name: 'ha_find_entities',
    description:
      'Find Home Assistant entities by name, area, floor, device or kind, best match first. ' +
      'Use it before acting on anything whose entity_id you have not seen in this conversation.',
    input,
    effect: 'read',
    homeData: true,
    async execute(request, ctx) {
      if (!ha.status().connected && index.size === 0) return unavailableResult(ctx.language);
      await index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS);
      if (request.area && index.resolveAreas(request.area).length === 0) {
        const known = index.listAreas().slice(0, 30).map((a) => a.name);
        return errorResult(`Unknown area "${request.area}". Areas: ${known.join(', ') || 'none'}.`, t(ctx.language, 'home.unknown_area', { area: request.area }));
      }
      const entities = index.search(request);
      if (entities.length === 0) {
        return okResult({ entities, note: 'Nothing matches among the entities you may use. Try other words, no filter, or ha_list_areas.' }, t(ctx.language, 'home.no_match'));
      }
      // Names are scanned for instructions by the tool runner; free-text states and attributes taint.
      return markFreeText(okResult({ entities }, t(ctx.language, isPlural(ctx.language, entities.length) ? 'home.found' : 'home.found_one', { count: entities.length, names: `${entities.slice(0, 3).map((e) => e.name).join(', ')}${entities.length > 3 ? '…' : ''}` })), entities, ctx.language);
    },
  };
}
