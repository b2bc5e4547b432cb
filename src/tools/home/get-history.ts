import { z } from 'zod';
import { t } from '../../messages/messages.js';
import { EXPOSURE_READ_MAX_AGE_MS } from '../../ha/entity-index.js';
import { okResult, type Tool } from '../tool.js';
import { homeFacts, type HomeToolDeps } from './deps.js';
import { entityReadFacts } from './home-facts.js';
import { compactHistory } from './history-compact.js';
import { markFreeText } from './free-text.js';
import { haCallOptions } from './ha-wait.js';
import { checkEntitiesExist, failureResult, notAccessibleResult } from './results.js';

const MAX_CHANGES = 100;

const input = z.object({
  entity_id: z.string().min(3).max(255),
  hours: z.number().min(1).max(168).optional().describe('How far back, default 24, max 168 (a week).'),
});

/** `ha_get_history`: how an entity's state changed over the last hours. */
export function createGetHistoryTool(deps: HomeToolDeps): Tool<z.infer<typeof input>> {
  const { ha, index } = deps;
  return {
    name: 'ha_get_history',
    description: `State changes of one entity over the last hours (default 24, max 168), oldest first, at most ${MAX_CHANGES}.`,
    input,
    effect: 'read',
    homeData: true,
    describe: ({ entity_id: entityId }, language) => ({ facts: entityReadFacts(homeFacts(deps), entityId, language), annotations: { openWorld: false } }),
    precheck: ({ entity_id: entityId }, language) => checkEntitiesExist(index, [entityId], language),
    async execute({ entity_id: entityId, hours = 24 }, ctx) {
      await index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS);
      if (!index.isAccessible(entityId)) return notAccessibleResult(entityId, ctx.language);
      const end = new Date();
      const start = new Date(end.getTime() - hours * 3_600_000);
      try {
        const rows = await ha.getHistory(entityId, start, end, haCallOptions(ctx));
        const history = compactHistory(rows, MAX_CHANGES);
        const name = index.get(entityId)?.name ?? entityId;
        const result = okResult({ entity_id: entityId, hours, ...history }, t(ctx.language, 'home.history', { name, count: history.changes.length + (history.omitted ?? 0), hours }));
        // A text sensor's past states are text from outside just like its current one.
        const states = history.changes.map((change) => ({ entity_id: entityId, state: change.state }));
        return markFreeText(result, states, ctx.language, (hit) => t(ctx.language, 'taint.entity_history', { entity: hit.entityId }));
      } catch (err) {
        return failureResult(err, t(ctx.language, 'home.history_failed'), ctx.language);
      }
    },
  };
}
