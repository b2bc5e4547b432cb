/**
 * The observed outcome of a service call: the targeted entities' states before it was sent and
 * after HA showed (or did not show) its effect, within a bounded wait. "Done" is what HA's states
 * say, never the model's guess: a device that accepts the call and never moves is reported as
 * `no_change_observed`.
 */
import type { HassEntity } from 'home-assistant-js-websocket';
import { t } from '../../messages/messages.js';
import { brightnessPercent, expectationOf, watchedAttributes, type Expectation } from './service-meaning.js';
import { MACHINE_STATES, wordInSentence, type StateWording } from './state-wording.js';

/** An entity's state as the outcome shows it: the state, plus the attributes the call set. */
export type ObservedSide = { state: string } & Record<string, unknown>;

/** One targeted entity, before and after the call. */
export interface ObservedEntity {
  entity_id: string;
  before: ObservedSide | null;
  after: ObservedSide | null;
  /** It was already where the call leads, so HA had nothing to change. */
  already?: true;
}

/** What the wait saw. */
export interface CallObservation {
  observed: ObservedEntity[];
  /** Entities that neither moved within the wait nor were already where the call leads. */
  unchanged: string[];
  /** Entities that moved, but not to what the call asked for. */
  differing: string[];
  /** Every targeted entity shows what the call means (none targeted: false, nothing to see). */
  verified: boolean;
}

/** What the wait reads from the index. */
export interface StateSource {
  getState(entityId: string): HassEntity | undefined;
  waitFor(entityIds: readonly string[], done: (state: HassEntity | undefined, entityId: string) => boolean, timeoutMs: number): Promise<boolean>;
}

/** The call being watched. */
export interface WatchedCall {
  domain: string;
  service: string;
  data: Readonly<Record<string, unknown>>;
  entityIds: readonly string[];
  /** Each entity's state right before the call was sent. */
  before: ReadonlyMap<string, HassEntity | undefined>;
}

/** The states of `entityIds` now, to compare with after the call. */
export function snapshotStates(source: Pick<StateSource, 'getState'>, entityIds: readonly string[]): Map<string, HassEntity | undefined> {
  return new Map(entityIds.map((id) => [id, source.getState(id)]));
}

function sideOf(state: HassEntity | undefined, attributes: readonly string[]): ObservedSide | null {
  if (!state) return null;
  const side: ObservedSide = { state: state.state };
  for (const key of attributes) {
    const value = state.attributes[key];
    if (value === undefined) continue;
    // Named like light.turn_on's own field, as the entity summaries show it.
    if (key === 'brightness') side['brightness_pct'] = brightnessPercent(value);
    else side[key] = value;
  }
  return side;
}

/** Per entity: already where the call leads, moved for it, and (once moved) as asked. */
function judge(call: WatchedCall, expectation: Expectation | undefined, contextId: string | undefined) {
  const already = (id: string): boolean => {
    const before = call.before.get(id);
    return expectation !== undefined && before !== undefined && expectation(before, before);
  };
  const moved = (id: string, now: HassEntity | undefined): boolean => {
    const before = call.before.get(id);
    return now !== undefined && ((contextId !== undefined && now.context.id === contextId) || now.last_updated !== before?.last_updated);
  };
  const asAsked = (id: string, now: HassEntity | undefined): boolean =>
    now !== undefined && (expectation === undefined || expectation(now, call.before.get(id)));
  return { already, moved, asAsked };
}

/**
 * Waits (at most `timeoutMs`, less once every entity shows what the call means) and reports
 * each targeted entity's before and after. `contextId` is HA's context of the call: a state
 * written for it counts as moved even when its timestamp could not tell.
 */
export async function observeCall(source: StateSource, call: WatchedCall, contextId: string | undefined, timeoutMs: number): Promise<CallObservation> {
  const expectation = expectationOf(call.domain, call.service, call.data);
  const { already, moved, asAsked } = judge(call, expectation, contextId);
  const settled = (id: string, now: HassEntity | undefined): boolean => already(id) || (moved(id, now) && asAsked(id, now));
  if (call.entityIds.length > 0) await source.waitFor(call.entityIds, (state, id) => settled(id, state), timeoutMs);

  const attributes = watchedAttributes(call.service, call.data);
  const observed: ObservedEntity[] = [];
  const unchanged: string[] = [];
  const differing: string[] = [];
  for (const id of call.entityIds) {
    const now = source.getState(id);
    const isAlready = already(id) && !moved(id, now);
    observed.push({ entity_id: id, before: sideOf(call.before.get(id), attributes), after: sideOf(now, attributes), ...(isAlready && { already: true as const }) });
    if (isAlready) continue;
    if (!moved(id, now)) unchanged.push(id);
    else if (!asAsked(id, now)) differing.push(id);
  }
  const verified = call.entityIds.length > 0 && unchanged.length === 0 && differing.length === 0;
  return { observed, unchanged, differing, verified };
}

/** One side in words: the state as `wordOf` words it (lower-cased `inSentence`), then the attributes the call set. */
function sideWords(entityId: string, side: ObservedSide | null, language: string | undefined, wordOf: StateWording, inSentence = false): string {
  if (!side) return t(language, 'outcome.gone');
  const word = wordOf(entityId, side.state);
  const state = inSentence ? wordInSentence(word, side.state) : word;
  const extras = Object.entries(side)
    .filter(([key, value]) => key !== 'state' && value !== null)
    .map(([key, value]) =>
      key === 'brightness_pct'
        ? t(language, 'outcome.brightness', { pct: String(value) })
        : `${key.replace(/_/g, ' ')} ${Array.isArray(value) ? value.join(',') : String(value)}`,
    );
  return extras.length > 0 ? `${state} (${extras.join(', ')})` : state;
}

const MAX_NAMED = 3;

/**
 * One line for people, per entity in words: "Kitchen Light: off → on", "Hall: already on",
 * "Garage: no change observed (still off)"; a count for the rest when many were targeted. In
 * `language` (English by default: the model reads the English line), the states worded by
 * `wordOf` (as HA names them by default: "Cuisine : Éteint → Allumé" takes HA's French words).
 */
export function describeObservation(
  call: string,
  observation: CallObservation,
  nameOf: (entityId: string) => string | undefined,
  language?: string,
  wordOf: StateWording = MACHINE_STATES,
): string {
  if (observation.observed.length === 0) return t(language, 'outcome.done', { call });
  const unchanged = new Set(observation.unchanged);
  // The entities that did not change come first: they are what a person must not miss.
  const ordered = [...observation.observed].sort((a, b) => Number(unchanged.has(b.entity_id)) - Number(unchanged.has(a.entity_id)));
  const words = ordered.slice(0, MAX_NAMED).map((entity) => {
    const id = entity.entity_id;
    const name = nameOf(id) ?? id;
    if (entity.already) return t(language, 'outcome.already', { name, state: sideWords(id, entity.after, language, wordOf, true) });
    if (unchanged.has(id)) return t(language, 'outcome.unchanged', { name, state: sideWords(id, entity.after, language, wordOf, true) });
    return t(language, 'outcome.changed', { name, before: sideWords(id, entity.before, language, wordOf), after: sideWords(id, entity.after, language, wordOf) });
  });
  const more = ordered.length > MAX_NAMED ? ` ${t(language, 'words.and_more', { count: ordered.length - MAX_NAMED })}` : '';
  return `${words.join(', ')}${more}`;
}
