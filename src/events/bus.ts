/**
 * One typed event bus, built by the composition root and handed to whoever announces or listens
 * (after Zigbee2MQTT's lib/eventBus.ts). Listeners are kept by owner, so a service removes all of
 * its own in stop(); a listener that throws (or rejects) is logged here, once, and the others still
 * hear the event: one policy instead of one per hand-written listener set.
 */
import type { Logger } from '../logger.js';

/** Who holds a listener: a service removes all of its own with `removeListeners(this)`. */
export type ListenerOwner = object;

/** Announces events of the map `E` (`{ 'ha.status': HaStatus }`). */
export interface EventEmitter<E> {
  emit<K extends keyof E & string>(event: K, payload: E[K]): void;
}

/** Listens to events of the map `E`. */
export interface EventSource<E> {
  /** Calls `listener` on each `event`; returns the unsubscribe. */
  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => unknown, owner?: ListenerOwner): () => void;
  /** Removes every listener `owner` added. */
  removeListeners(owner: ListenerOwner): void;
}

interface Entry {
  listener: (payload: never) => unknown;
  owner: ListenerOwner | undefined;
}

function ownerName(owner: ListenerOwner | undefined): string | undefined {
  return owner?.constructor?.name;
}

/** The bus: typed by its event map, listeners by owner, errors caught and logged. */
export class EventBus<E extends object> implements EventEmitter<E>, EventSource<E> {
  readonly #listeners = new Map<string, Entry[]>();
  readonly #logger: Pick<Logger, 'error'>;

  constructor(logger: Pick<Logger, 'error'>) {
    this.#logger = logger;
  }

  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => unknown, owner?: ListenerOwner): () => void {
    const entry: Entry = { listener, owner };
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), entry]);
    return () => this.#remove(event, (candidate) => candidate === entry);
  }

  removeListeners(owner: ListenerOwner): void {
    for (const event of [...this.#listeners.keys()]) this.#remove(event, (entry) => entry.owner === owner);
  }

  /** Calls every listener of `event` in order; what one throws is logged and does not reach the emitter. */
  emit<K extends keyof E & string>(event: K, payload: E[K]): void {
    for (const entry of this.#listeners.get(event) ?? []) {
      try {
        const result = (entry.listener as (payload: E[K]) => unknown)(payload);
        if (result instanceof Promise) result.catch((err: unknown) => this.#failed(event, entry, err));
      } catch (err) {
        this.#failed(event, entry, err);
      }
    }
  }

  /** How many listeners `event` has (tests check that a stopped service left none). */
  listenerCount(event: keyof E & string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  #remove(event: string, matches: (entry: Entry) => boolean): void {
    const kept = (this.#listeners.get(event) ?? []).filter((entry) => !matches(entry));
    if (kept.length > 0) this.#listeners.set(event, kept);
    else this.#listeners.delete(event);
  }

  #failed(event: string, entry: Entry, err: unknown): void {
    this.#logger.error({ err: err instanceof Error ? err.message : String(err), event, owner: ownerName(entry.owner) }, 'an event listener failed');
  }
}
