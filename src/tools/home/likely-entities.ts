/**
 * The few entities a person's words most likely mean, for the first request of a turn: the
 * ranking of ha_find_entities over the entities the agent may use (entity_access), reduced to
 * id, name, area and state. A state that is free text (a sensor's sentence, a song title) is left
 * out: it is someone else's words and would reach the model without tainting the conversation.
 */
import { EXPOSURE_READ_MAX_AGE_MS } from '../../ha/entity-index.js';
import type { HomeToolDeps } from './deps.js';
import { isFreeTextState } from './free-text.js';

/** One candidate as the prompt lists it. */
export interface LikelyEntity {
  entity_id: string;
  name: string;
  area?: string;
  state?: string;
}

/** About as many as a model reads at a glance; the prompt stays flat whatever the home's size. */
export const LIKELY_ENTITY_LIMIT = 8;

/** Finds the likely entities for a request's words; none when HA has not sent its states yet. */
export function createLikelyEntities({ index }: Pick<HomeToolDeps, 'index'>, limit = LIKELY_ENTITY_LIMIT): (text: string) => Promise<LikelyEntity[]> {
  return async (text) => {
    if (index.size === 0 || text.trim() === '') return [];
    // The same freshness of HA's exposure as ha_find_entities: nothing un-exposed a moment ago.
    await index.refreshExposure(EXPOSURE_READ_MAX_AGE_MS);
    return index.search({ query: text.slice(0, 500), limit }).map((entity) => {
      const state = index.getState(entity.entity_id);
      const freeText = !state || isFreeTextState(entity.entity_id, state.state, state.attributes);
      return { entity_id: entity.entity_id, name: entity.name, ...(entity.area && { area: entity.area }), ...(!freeText && { state: entity.state }) };
    });
  };
}
