import type { SchedulerClock } from '../../src/agent/scheduler/clock.js';

interface Timer {
  at: number;
  run: () => void;
  seq: number;
}

/** A clock that moves only when a test says so; due timers fire in time order as it moves. */
export class ManualClock implements SchedulerClock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimer(run: () => void, ms: number): unknown {
    const timer = { at: this.#now + Math.max(0, ms), run, seq: this.#seq++ };
    this.#timers.add(timer);
    return timer;
  }

  clearTimer(handle: unknown): void {
    this.#timers.delete(handle as Timer);
  }

  /** Moves to `target`, firing every timer due on the way (and those they set) at its own time. */
  async advanceTo(target: Date | string): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      const next = [...this.#timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#now = Math.max(this.#now, end);
  }
}
