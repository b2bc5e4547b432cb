import { deepEqual } from './deep-equal.js';
import type { EventBus } from './event-bus.js';
import type { SimContext, SimState } from './home.js';
import { toHaIso } from './ids.js';

/** Data of a `state_changed` event. */
export interface StateChangedData {
  entity_id: string;
  old_state: SimState | null;
  new_state: SimState | null;
}

/**
 * HA's state machine: writes follow `hass.states.async_set` semantics (last_changed moves only
 * when the state string changes, nothing is fired when neither state nor attributes change)
 * and every change is announced as `state_changed` on the bus.
 */
export class StateStore {
  private readonly states = new Map<string, SimState>();

  private lastWrite = 0;

  /** A time after every write so far: HA's "now", whose microseconds always follow the last write. */
  after(): Date {
    return new Date(Math.max(this.now().getTime(), this.lastWrite + 1));
  }

  constructor(
    private readonly bus: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Puts the initial states in place without firing events (HA's startup). */
  load(states: readonly SimState[]): void {
    for (const state of states) this.states.set(state.entity_id, structuredClone(state));
  }

  all(): SimState[] {
    return [...this.states.values()];
  }

  get(entityId: string): SimState | undefined {
    return this.states.get(entityId);
  }

  /** Writes a state; returns the new state, or undefined when nothing changed. */
  write(entityId: string, state: string, attributes: Record<string, unknown>, context: SimContext): SimState | undefined {
    const old = this.states.get(entityId);
    // HA stamps with microseconds, so two writes never share a time; at this store's millisecond
    // precision a second write within the same millisecond moves on by one.
    const time = new Date(Math.max(this.now().getTime(), this.lastWrite + 1));
    this.lastWrite = time.getTime();
    const iso = toHaIso(time);
    const sameState = old !== undefined && old.state === state;
    const sameAttributes = old !== undefined && deepEqual(old.attributes, attributes);
    if (old && sameState && sameAttributes) {
      old.last_reported = iso;
      return undefined;
    }
    const next: SimState = {
      entity_id: entityId,
      state,
      attributes: structuredClone(attributes),
      last_changed: old && sameState ? old.last_changed : iso,
      last_updated: iso,
      last_reported: iso,
      context,
    };
    this.states.set(entityId, next);
    const data: StateChangedData = { entity_id: entityId, old_state: old ?? null, new_state: next };
    this.bus.fire('state_changed', data, context, time);
    return next;
  }

  /** Removes an entity's state (fires `state_changed` with `new_state: null`). */
  remove(entityId: string, context: SimContext): boolean {
    const old = this.states.get(entityId);
    if (!old) return false;
    this.states.delete(entityId);
    const data: StateChangedData = { entity_id: entityId, old_state: old, new_state: null };
    this.bus.fire('state_changed', data, context, this.now());
    return true;
  }
}
