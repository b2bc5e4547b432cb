/**
 * Part of the composition root (main.ts): services start in the order they were added and stop in
 * the reverse order, so the stop order is derived, never written by hand. A start that fails stops
 * what had started (in reverse) before rethrowing: a Majordome that cannot start leaves no socket,
 * timer or open database behind.
 */
import type { Logger } from '../logger.js';

/** One step of the lifecycle; either half may be absent (a subscription made at start, a resource only closed). */
export interface LifecycleStep {
  /** Names the step in the log when its stop fails. */
  name: string;
  start?(): unknown;
  stop?(): unknown;
}

/** An ordered list of steps started in order and stopped in reverse. */
export class Lifecycle {
  readonly #steps: LifecycleStep[] = [];
  /** The steps whose start has run (or that were adopted already open), in start order. */
  #started: LifecycleStep[] = [];
  readonly #logger: Pick<Logger, 'error'>;

  constructor(logger: Pick<Logger, 'error'>) {
    this.#logger = logger;
  }

  /** Adds a step to start later, after the ones already added. */
  add(step: LifecycleStep): void {
    this.#steps.push(step);
  }

  /**
   * Adds what is already open (the database, opened to build the stores): it counts as started, so
   * a failure further on, even before startAll(), closes it.
   */
  adopt(name: string, stop: () => unknown): void {
    const step = { name, stop };
    this.#steps.push(step);
    this.#started.push(step);
  }

  /** Starts every step not yet started, in order; if one throws, stops the started ones in reverse and rethrows. */
  async startAll(): Promise<void> {
    for (const step of this.#steps) {
      if (this.#started.includes(step)) continue;
      try {
        await step.start?.();
      } catch (err) {
        await this.stopAll();
        throw err;
      }
      this.#started.push(step);
    }
  }

  /** Stops every started step in reverse order; a failing stop is logged and the others still run. */
  async stopAll(): Promise<void> {
    const started = this.#started;
    this.#started = [];
    for (const step of started.reverse()) {
      try {
        await step.stop?.();
      } catch (err) {
        this.#logger.error({ err: err instanceof Error ? err.message : String(err), step: step.name }, 'could not stop cleanly');
      }
    }
  }
}

/** A step that subscribes at start and unsubscribes at stop. */
export function subscription(name: string, subscribe: () => () => unknown): LifecycleStep {
  let unsubscribe: (() => unknown) | undefined;
  return {
    name,
    start: () => {
      unsubscribe = subscribe();
    },
    stop: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
