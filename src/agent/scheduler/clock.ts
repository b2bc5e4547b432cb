/** Time as the scheduler sees it; tests pass a manual clock so nothing waits for real time. */
export interface SchedulerClock {
  now(): Date;
  /** Calls `run` after `ms`; returns a handle for clearTimer. */
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

// setTimeout overflows past 2^31-1 ms (about 24.8 days) and would fire at once.
const MAX_TIMER_MS = 2_147_483_647;

/** The real clock. */
export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (run, ms) => {
    const timer = setTimeout(run, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
