/**
 * The authoring capability: write automations and scripts with the person, through HA's own
 * editors' API. Tool names and inputs are a public contract (DESIGN.md "authoring").
 */
import type { EntityIndex } from '../ha/entity-index.js';
import type { HaConnection } from '../ha/ha-connection.js';
import type { StateWordSource } from '../ha/state-words.js';
import type { ConfigVersionStore } from '../store/config-versions.js';
import { AuthoringService } from './authoring/authoring-service.js';
import { createDeleteTool, createRestoreTool, createSaveTool } from './authoring/change-tools.js';
import { HaConfigApi, type HaRestEndpoint } from './authoring/config-api.js';
import { AUTHORING_OFFER } from './authoring/offer.js';
import { createGetTool, createListTool } from './authoring/read-tools.js';
import { stateWordingFor } from './home/state-wording.js';
import type { AnyTool } from './tool.js';

/** What the authoring tools need. */
export interface AuthoringToolDeps {
  ha: HaConnection;
  index: EntityIndex;
  /** HA's REST API (config.ha): the Supervisor's `/core` proxy or HA_URL. */
  endpoint: HaRestEndpoint;
  versions: ConfigVersionStore;
  reloadWaitMs?: number;
  /** HA's words for states, for the lines people read; absent → the states as HA names them. */
  stateWords?: StateWordSource;
}

/** Builds the ha_*_automation and ha_*_script tools, offered once the person talks about automations or scripts. */
export function createAuthoringTools(deps: AuthoringToolDeps): AnyTool[] {
  const service = new AuthoringService({
    ha: deps.ha,
    api: new HaConfigApi(deps.endpoint),
    versions: deps.versions,
    isUnknown: (id) => deps.index.isUnknown(id),
    isAccessible: (id) => deps.index.isAccessible(id),
    attributesOf: (id) => deps.index.getState(id)?.attributes,
    wordStates: (language) => stateWordingFor({ index: deps.index, stateWords: deps.stateWords }, language),
    ...(deps.reloadWaitMs !== undefined && { reloadWaitMs: deps.reloadWaitMs }),
  });
  const tools: AnyTool[] = (['automation', 'script'] as const).flatMap((kind) => [
    createListTool(service, kind),
    createGetTool(service, kind),
    createSaveTool(service, kind),
    createDeleteTool(service, kind),
    createRestoreTool(service, kind),
  ]);
  return tools.map((tool) => ({ ...tool, offer: AUTHORING_OFFER }));
}
