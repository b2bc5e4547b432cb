/**
 * Follows `subscribe_entities` and keeps one mutable map of states, reporting which entities each
 * message touched. home-assistant-js-websocket's `subscribeEntities` copies the whole state object
 * on every change, which costs milliseconds per change in a home of thousands of entities; here a
 * change costs in proportion to what changed. The wire format is HA's compressed one (HA-FACTS.md).
 */
import type { Connection, HassEntity } from 'home-assistant-js-websocket';

/** A compressed state as HA sends it in `a` (added) entries. */
interface CompressedState {
  s: string;
  a: Record<string, unknown>;
  c: string | { id: string; parent_id?: string | null; user_id?: string | null };
  lc: number;
  lu?: number;
}

/** A compressed change as HA sends it in `c` entries. */
interface CompressedChange {
  '+'?: Partial<CompressedState>;
  '-'?: { a?: string[] };
}

/** One `subscribe_entities` event. */
export interface EntityStreamMessage {
  a?: Record<string, CompressedState>;
  c?: Record<string, CompressedChange>;
  r?: string[];
}

/** What one message did: a full snapshot (first message of a subscription) or a delta. */
export type EntityStreamUpdate = { kind: 'snapshot' } | { kind: 'delta'; changed: string[]; removed: string[] };

const isoFromEpoch = (seconds: number): string => new Date(seconds * 1000).toISOString();

function expand(entityId: string, compressed: CompressedState): HassEntity {
  const lastChanged = isoFromEpoch(compressed.lc);
  return {
    entity_id: entityId,
    state: compressed.s,
    attributes: compressed.a,
    context: typeof compressed.c === 'string' ? { id: compressed.c, parent_id: null, user_id: null } : { parent_id: null, user_id: null, ...compressed.c },
    last_changed: lastChanged,
    last_updated: compressed.lu ? isoFromEpoch(compressed.lu) : lastChanged,
  };
}

function applyChange(previous: HassEntity, change: CompressedChange): HassEntity {
  const next: HassEntity = { ...previous };
  const add = change['+'];
  const remove = change['-']?.a;
  if (add?.s !== undefined) next.state = add.s;
  if (add?.c) next.context = typeof add.c === 'string' ? { ...previous.context, id: add.c } : { ...previous.context, ...add.c };
  if (add?.lc) next.last_updated = next.last_changed = isoFromEpoch(add.lc);
  else if (add?.lu) next.last_updated = isoFromEpoch(add.lu);
  if (add?.a || remove) {
    const attributes = { ...previous.attributes, ...add?.a };
    for (const key of remove ?? []) delete attributes[key];
    next.attributes = attributes;
  }
  return next;
}

/**
 * Applies one message to `states` in place. A message that arrives while `snapshot` is true is
 * the full state list HA sends first on every (re)subscription: it replaces everything, so
 * entities removed while we were disconnected disappear.
 */
export function applyEntityMessage(states: Map<string, HassEntity>, message: EntityStreamMessage, snapshot: boolean): EntityStreamUpdate {
  if (snapshot) states.clear();
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [entityId, compressed] of Object.entries(message.a ?? {})) {
    states.set(entityId, expand(entityId, compressed));
    changed.push(entityId);
  }
  for (const entityId of message.r ?? []) {
    if (states.delete(entityId)) removed.push(entityId);
  }
  for (const [entityId, change] of Object.entries(message.c ?? {})) {
    const previous = states.get(entityId);
    // A change for an entity we never saw cannot be applied; the next snapshot brings it.
    if (!previous) continue;
    states.set(entityId, applyChange(previous, change));
    changed.push(entityId);
  }
  return snapshot ? { kind: 'snapshot' } : { kind: 'delta', changed, removed };
}

/**
 * Subscribes and calls `onUpdate` after each message has been applied to `states`. The library
 * resubscribes after a reconnect; the first message after a disconnect is a fresh snapshot.
 * Returns the unsubscribe function.
 */
export function followEntities(
  conn: Connection,
  states: Map<string, HassEntity>,
  onUpdate: (update: EntityStreamUpdate) => void,
): () => void {
  let awaitingSnapshot = true;
  const markStale = (): void => {
    awaitingSnapshot = true;
  };
  conn.addEventListener('disconnected', markStale);
  const subscription = conn.subscribeMessage<EntityStreamMessage>(
    (message) => {
      const update = applyEntityMessage(states, message, awaitingSnapshot);
      awaitingSnapshot = false;
      onUpdate(update);
    },
    { type: 'subscribe_entities' },
    { resubscribe: true },
  );
  return () => {
    conn.removeEventListener('disconnected', markStale);
    void subscription.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  };
}
