/** The lines people read on the automation and script tools' cards, in their language; the model's output stays English. */
import { describeError, HaError } from '../../errors.js';
import { isPlural, t } from '../../messages/messages.js';
import { errorResult, type ToolResult } from '../tool.js';
import type { ConfigKind } from './kinds.js';

/** 'the automation "Evening"', in `language`: how the card lines name an item. */
export function itemWords(kind: ConfigKind, alias: string, language?: string): string {
  return t(language, kind === 'automation' ? 'authoring.automation' : 'authoring.script', { alias });
}

/** "2 automations", "1 script" (French keeps 0 and 1 singular). */
export function countLine(kind: ConfigKind, count: number, language?: string): string {
  const plural = isPlural(language, count);
  if (kind === 'automation') return t(language, plural ? 'authoring.count_automation' : 'authoring.count_automation_one', { count });
  return t(language, plural ? 'authoring.count_script' : 'authoring.count_script_one', { count });
}

/** "no automation 17": HA has no item by this id. */
export function missingLine(kind: ConfigKind, id: string, language?: string): string {
  return t(language, kind === 'automation' ? 'authoring.no_automation' : 'authoring.no_script', { id });
}

/** "automation 17 is deleted": HA has none by this id, but Majordome kept its versions. */
export function deletedLine(kind: ConfigKind, id: string, language?: string): string {
  return t(language, kind === 'automation' ? 'authoring.gone_automation' : 'authoring.gone_script', { id });
}

/** "Could not list the automations" for a list that failed. */
export function listFailure(kind: ConfigKind, language?: string): string {
  return t(language, kind === 'automation' ? 'authoring.list_automation_failed' : 'authoring.list_script_failed');
}

/**
 * A read that failed: the model reads the error as it came; people read what did not happen
 * (`failure`, in their language) and HA's words, or "Home Assistant unavailable" in their language.
 */
export function readFailureResult(err: unknown, failure: string, language?: string): ToolResult {
  const message = describeError(err);
  const shown = err instanceof HaError && err.code === 'ha_unavailable' ? t(language, 'home.unavailable') : message;
  return errorResult(message, t(language, 'authoring.failed', { failure, error: shown }));
}
