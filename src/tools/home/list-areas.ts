import { z } from 'zod';
import { t } from '../../messages/messages.js';
import { EXPOSURE_READ_MAX_AGE_MS } from '../../ha/entity-index.js';
import { okResult, type Tool } from '../tool.js';
import type { HomeToolDeps } from './deps.js';
import { unavailableResult } from './results.js';

const input = z.object({});

/** `ha_list_areas`: the home's rooms, their floors and how many usable entities each holds. */
export function createListAreasTool({ ha, index }: HomeToolDeps): Tool<z.infer<typeof input>> {
  return {
    name: 'ha_list_areas',
    description: 'List the areas (rooms) of the home with their floor and how many entities you may use in each.',
    input,
    effect: 'read',
    homeData: true,
    async execute(_input, ctx) {
      await index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS);
      const areas = index.listAreas();
      if (areas.length === 0 && !ha.status().connected && index.size === 0) return unavailableResult(ctx.language);
      // Empty alias lists cost tokens and say nothing.
      const compact = areas.map(({ aliases, ...area }) => (aliases.length > 0 ? { ...area, aliases } : area));
      return okResult({ areas: compact }, t(ctx.language, 'home.areas', { count: areas.length }));
    },
  };
}
