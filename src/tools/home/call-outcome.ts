import type { EntitySummary } from '../../ha/entity-summary.js';
import { t } from '../../messages/messages.js';
import { MACHINE_STATES, type StateWording } from './state-wording.js';

const MAX_NAMED = 3;
const MAX_ARRAY = 50;
const MAX_TEXT = 1000;

/**
 * One line for people, in `language` (English by default: the model reads that one): "Kitchen
 * Light → on", or a count when many entities moved; the states worded by `wordOf` (as HA names them by default).
 */
export function describeOutcome(call: string, states: readonly EntitySummary[], language?: string, wordOf: StateWording = MACHINE_STATES): string {
  if (states.length === 0) return t(language, 'outcome.done', { call });
  const named = states.slice(0, MAX_NAMED).map((s) => t(language, 'outcome.now', { name: s.name, state: wordOf(s.entity_id, s.state) }));
  const more = states.length > MAX_NAMED ? ` ${t(language, 'words.and_more', { count: states.length - MAX_NAMED })}` : '';
  return `${named.join(', ')}${more}`;
}

/** Keeps a service response readable in a prompt: long lists and texts are cut. */
export function capResponse(value: unknown, depth = 0): unknown {
  if (depth > 8) return '…';
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ARRAY).map((v) => capResponse(v, depth + 1));
    return value.length > MAX_ARRAY ? [...kept, `…${value.length - MAX_ARRAY} more`] : kept;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capResponse(v, depth + 1)]));
  }
  return value;
}

/** States a plain call (no data) leads to; a service missing here may change anything. */
const SETTLED_STATES: Record<string, readonly string[]> = {
  turn_on: ['on'],
  turn_off: ['off'],
  lock: ['locked'],
  unlock: ['unlocked'],
  open_cover: ['open'],
  close_cover: ['closed'],
  open_valve: ['open'],
  close_valve: ['closed'],
};

/**
 * Whether a call without data cannot move these states, because each is already where the
 * service leads: HA then writes no new state, and waiting for one would only add latency.
 */
export function isAlreadySettled(service: string, data: Record<string, unknown>, states: readonly (string | undefined)[]): boolean {
  const settled = SETTLED_STATES[service];
  if (!settled || Object.keys(data).length > 0 || states.length === 0) return false;
  return states.every((state) => state !== undefined && settled.includes(state));
}
