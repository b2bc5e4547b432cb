import type { SimContext } from './home.js';
import { toHaIso } from './ids.js';

/** An event on HA's bus, in the shape `subscribe_events` delivers. */
export interface SimEvent {
  event_type: string;
  data: unknown;
  origin: 'LOCAL' | 'REMOTE';
  time_fired: string;
  context: SimContext;
}

type Listener = (event: SimEvent) => void;

/** HA's event bus: listeners per event type, `*` for every event. */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** Listens to one event type (or `*`); returns the unsubscribe function. */
  on(eventType: string, listener: Listener): () => void {
    let set = this.listeners.get(eventType);
    if (!set) {
      set = new Set();
      this.listeners.set(eventType, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  fire(eventType: string, data: unknown, context: SimContext, time: Date = new Date()): SimEvent {
    const event: SimEvent = { event_type: eventType, data, origin: 'LOCAL', time_fired: toHaIso(time), context };
    for (const key of [eventType, '*']) {
      // Copy so a listener may unsubscribe itself while being called.
      for (const listener of [...(this.listeners.get(key) ?? [])]) listener(event);
    }
    return event;
  }

  clear(): void {
    this.listeners.clear();
  }
}
