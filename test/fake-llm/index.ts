/** The fake Anthropic API and its scripted home agent, for tests, the demo and the bench. */
export { startFakeAnthropic, UNSCRIPTED_TEXT } from './fake-anthropic.js';
export { createHomeAssistantResponder, respondAsHomeAgent, extractEntities, GREETING } from './scripts.js';
export { lastUserText, turnToolCalls, offeredTools, type TurnToolCall } from './request-view.js';
export type * from './types.js';
