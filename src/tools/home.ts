/**
 * The home capability: find, read and act on Home Assistant entities. Tool names and inputs are
 * a public contract (DESIGN.md).
 */
import type { AnyTool } from './tool.js';
import { createCallServiceTool } from './home/call-service.js';
import type { HomeToolDeps } from './home/deps.js';
import { createFindEntitiesTool } from './home/find-entities.js';
import { createGetHistoryTool } from './home/get-history.js';
import { createGetStateTool } from './home/get-state.js';
import { createListAreasTool } from './home/list-areas.js';

export type { HomeToolDeps } from './home/deps.js';
export { createLikelyEntities, type LikelyEntity } from './home/likely-entities.js';
export { MACHINE_STATES, stateWordingFor, stateWordLanguage, wordInSentence, type StateWording, type StateWordings } from './home/state-wording.js';

/** Builds the five ha_* tools. */
export function createHomeTools(deps: HomeToolDeps): AnyTool[] {
  return [
    createFindEntitiesTool(deps),
    createGetStateTool(deps),
    createCallServiceTool(deps),
    createGetHistoryTool(deps),
    createListAreasTool(deps),
  ];
}
