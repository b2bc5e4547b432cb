import { HaError } from '../../errors.js';
import type { EntityIndex } from '../../ha/entity-index.js';
import { HA_UNAVAILABLE_MESSAGE } from '../../ha/ha-errors.js';
import { t } from '../../messages/messages.js';
import { errorResult, type CallProblem, type ToolResult } from '../tool.js';

/** Said about any entity the agent may not see, whether it exists or not (no probing). */
export function notAccessibleMessage(entityIds: readonly string[]): string {
  return `${entityIds.join(', ')}: not found or not exposed to the assistant. Use ha_find_entities.`;
}

/** Said about entity ids HA does not have at all: a typo for the model to fix. */
export function unknownEntityMessage(entityIds: readonly string[]): string {
  return entityIds.length === 1
    ? `No entity ${entityIds.join('')} in this home; use ha_find_entities to find the right id.`
    : `No entities ${entityIds.join(', ')} in this home; use ha_find_entities to find the right ids.`;
}

/** The precheck of a call naming these entity ids, when HA has none of some of them: the model's hint, and the card's line in `language`. */
export function checkEntitiesExist(index: Pick<EntityIndex, 'isUnknown'>, entityIds: readonly string[], language?: string): CallProblem | undefined {
  const unknown = [...new Set(entityIds.map((id) => id.trim()))].filter((id) => index.isUnknown(id));
  if (unknown.length === 0) return undefined;
  return { message: unknownEntityMessage(unknown), summary: t(language, unknown.length === 1 ? 'home.no_entity' : 'home.no_entities', { ids: unknown.join(', ') }) };
}

/** The result when HA cannot be reached; the model reads it in English, people in `language`. */
export function unavailableResult(language?: string): ToolResult {
  return errorResult(HA_UNAVAILABLE_MESSAGE, t(language, 'home.unavailable'));
}

/** The result for an entity the agent may not see: the model gets the hint, people read "… : non disponible". */
export function notAccessibleResult(entityId: string, language?: string): ToolResult {
  return errorResult(notAccessibleMessage([entityId]), t(language, 'home.not_available', { entity: entityId }));
}

/**
 * Turns a thrown error into a result the model can act on; HA's own text is kept. People read
 * `failure` (already in their language) and HA's text, or "Home Assistant unavailable" in their
 * language when the connection is what failed.
 */
export function failureResult(err: unknown, failure: string, language?: string): ToolResult {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof HaError && err.haCode ? ` (${err.haCode})` : '';
  const shown = err instanceof HaError && err.code === 'ha_unavailable' ? t(language, 'home.unavailable') : message;
  return errorResult(`${message}${code}`, t(language, 'home.failed', { failure, error: shown }));
}
