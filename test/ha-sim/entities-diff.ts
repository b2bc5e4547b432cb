/**
 * The compressed state format of `subscribe_entities`, as HA core's websocket_api/messages.py
 * builds it: `a` adds full compressed states, `c` carries `+` additions / `-` removals, `r` removes.
 */
import { deepEqual } from './deep-equal.js';
import type { SimContext, SimState } from './home.js';
import { toEpochSeconds } from './ids.js';
import type { StateChangedData } from './state-store.js';

/** A compressed state: s(tate), a(ttributes), c(ontext), lc (last_changed), lu (last_updated). */
export interface CompressedState {
  s: string;
  a: Record<string, unknown>;
  c: string | SimContext;
  lc: number;
  lu?: number;
}

/** One `subscribe_entities` event payload. */
export interface EntitiesEvent {
  a?: Record<string, CompressedState>;
  c?: Record<string, { '+'?: Record<string, unknown>; '-'?: { a: string[] } }>;
  r?: string[];
}

/** Context as a bare id string when it carries no parent and no user, else the full object. */
function compressContext(context: SimContext): string | SimContext {
  return context.parent_id === null && context.user_id === null ? context.id : { ...context };
}

export function compressState(state: SimState): CompressedState {
  const out: CompressedState = {
    s: state.state,
    a: state.attributes,
    c: compressContext(state.context),
    lc: toEpochSeconds(state.last_changed),
  };
  if (state.last_updated !== state.last_changed) out.lu = toEpochSeconds(state.last_updated);
  return out;
}

function diffStates(old: SimState, next: SimState): EntitiesEvent {
  const additions: Record<string, unknown> = {};
  if (old.state !== next.state) additions.s = next.state;
  if (old.last_changed !== next.last_changed) additions.lc = toEpochSeconds(next.last_changed);
  else if (old.last_updated !== next.last_updated) additions.lu = toEpochSeconds(next.last_updated);

  let context: Record<string, unknown> | undefined;
  if (old.context.parent_id !== next.context.parent_id) (context ??= {}).parent_id = next.context.parent_id;
  if (old.context.user_id !== next.context.user_id) (context ??= {}).user_id = next.context.user_id;
  if (old.context.id !== next.context.id) {
    if (context) context.id = next.context.id;
    else additions.c = next.context.id;
  }
  if (context) additions.c = context;

  const changedAttributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next.attributes)) {
    // As HA: `old.get(key) != value`, so a new key whose value is null is not sent.
    if (!deepEqual(old.attributes[key] ?? null, value)) changedAttributes[key] = value;
  }
  if (Object.keys(changedAttributes).length > 0) additions.a = changedAttributes;
  const diff: { '+': Record<string, unknown>; '-'?: { a: string[] } } = { '+': additions };
  const removed = Object.keys(old.attributes).filter((key) => !(key in next.attributes));
  if (removed.length > 0) diff['-'] = { a: removed };
  return { c: { [next.entity_id]: diff } };
}

/** Turns a `state_changed` event into the `subscribe_entities` payload HA would send. */
export function entitiesEventFor(change: StateChangedData): EntitiesEvent {
  if (change.new_state === null) return { r: [change.entity_id] };
  if (change.old_state === null) return { a: { [change.entity_id]: compressState(change.new_state) } };
  return diffStates(change.old_state, change.new_state);
}
