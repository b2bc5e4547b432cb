import { z } from 'zod';
import { EXPOSURE_READ_MAX_AGE_MS } from '../../ha/entity-index.js';
import { t } from '../../messages/messages.js';
import { okResult, type Tool } from '../tool.js';
import { homeFacts, type HomeToolDeps } from './deps.js';
import { entityReadFacts } from './home-facts.js';
import { markFreeText } from './free-text.js';
import { checkEntitiesExist, notAccessibleResult, unavailableResult } from './results.js';
import { detailedAttributes } from './state-details.js';
import { stateWordingFor } from './state-wording.js';

const input = z.object({
  entity_id: z.string().min(3).max(255).describe('For example light.kitchen'),
});

/** Domains whose attributes carry text written by third parties (invites, list items, titles). */
const THIRD_PARTY_TEXT_DOMAINS = new Set(['calendar', 'todo', 'event', 'media_player', 'notify', 'image', 'text']);

/** `ha_get_state`: one entity's state with its attributes. */
export function createGetStateTool(deps: HomeToolDeps): Tool<z.infer<typeof input>> {
  const { ha, index } = deps;
  return {
    name: 'ha_get_state',
    description: 'Current state of one entity with all its useful attributes and when it last changed.',
    input,
    effect: 'read',
    homeData: true,
    describe: ({ entity_id: entityId }, language) => ({ facts: entityReadFacts(homeFacts(deps), entityId, language), annotations: { openWorld: false } }),
    precheck: ({ entity_id: entityId }, language) => checkEntitiesExist(index, [entityId], language),
    async execute({ entity_id: entityId }, ctx) {
      if (!ha.status().connected && index.size === 0) return unavailableResult(ctx.language);
      await index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS);
      const summary = index.get(entityId);
      const state = index.getState(entityId);
      if (!summary || !state) return notAccessibleResult(entityId, ctx.language);
      const output = { ...summary, attributes: detailedAttributes(state.attributes), last_changed: state.last_changed };
      // Release notes, log lines, sentences a sensor reports: any domain can carry text from outside.
      const wordOf = await stateWordingFor(deps, ctx.language);
      const line = t(ctx.language, 'home.state', { name: summary.name, state: wordOf(entityId, summary.state) });
      const result = markFreeText(okResult(output, line), [output], ctx.language);
      const domain = entityId.split('.', 1)[0] ?? '';
      return THIRD_PARTY_TEXT_DOMAINS.has(domain) ? { ...result, untrusted: true } : result;
    },
  };
}
