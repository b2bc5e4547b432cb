import { HaError } from '../../errors.js';
import { HA_UNAVAILABLE_MESSAGE } from '../../ha/ha-errors.js';
import { errorResult, type ToolResult } from '../tool.js';

/** Said about any entity the agent may not see, whether it exists or not (no probing). */
export function notAccessibleMessage(entityIds: readonly string[]): string {
  return `${entityIds.join(', ')}: not found or not exposed to the assistant. Use ha_find_entities.`;
}

/** The result when HA cannot be reached. */
export function unavailableResult(): ToolResult {
  return errorResult(HA_UNAVAILABLE_MESSAGE, 'Home Assistant unavailable');
}

/** Turns a thrown error into a result the model can act on; HA's own text is kept. */
export function failureResult(err: unknown, summaryPrefix: string): ToolResult {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof HaError && err.haCode ? ` (${err.haCode})` : '';
  return errorResult(`${message}${code}`, `${summaryPrefix}: ${message}`);
}
