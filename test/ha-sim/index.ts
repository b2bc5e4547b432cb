/**
 * A Home Assistant simulator speaking HA's real WebSocket and REST protocols, for tests and the
 * demo. Clients use it through home-assistant-js-websocket like a real HA.
 */
export { createHaSim, startHaSim, type HaSim, type SimOptions } from './sim.js';
export type { SimUser } from './users.js';
export { defaultTokens } from './users.js';
export type { AuthorizeRequest, SimAuthOptions } from './auth-flow.js';
export type {
  SimArea,
  SimContext,
  SimDevice,
  SimEntityEntry,
  SimFloor,
  SimHistoryEntry,
  SimHome,
  SimServiceDescription,
  SimServices,
  SimState,
} from './home.js';
export type { DeviceBehaviour, RecordedServiceCall } from './service-engine.js';
export type { FiredEvent, TranslationRequest } from './core.js';
export { loadIntentsHome, INTENTS_DIAGNOSTIC, INTENTS_UNEXPOSED } from './loaders/intents-home.js';
export { loadDatasetHome } from './loaders/dataset-home.js';
export { loadFrontendDemoHome, type DemoAdditions, type FrontendDemoName } from './loaders/frontend-demo-home.js';
export { loadDemoHome, DEMO_DEFAULT_HOME, DEMO_PHONE_SERVICE } from './loaders/demo-home.js';
export { generateHome } from './loaders/generate-home.js';
