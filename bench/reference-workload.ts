/**
 * A fixed piece of CPU work timed at the start and end of a run. Timings on a shared or virtual
 * machine drift by tens of percent from hour to hour; this number moves with them, so two runs'
 * results can be compared. It allocates almost nothing, so the bench process's own heap (large
 * after the homes) does not weigh on it through the garbage collector.
 */
import { summarize } from './stats.js';

const values = new Float64Array(200_000);
const TEXT = 'turn on the kitchen light and tell me when the front door is locked';

function workload(): number {
  // A linear congruential generator: the same numbers every run.
  let seed = 42;
  for (let i = 0; i < values.length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    values[i] = seed;
  }
  values.sort();
  let hash = 0x811c9dc5;
  for (let round = 0; round < 20_000; round++) {
    for (let i = 0; i < TEXT.length; i++) hash = Math.imul(hash ^ TEXT.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash + (values[0] ?? 0);
}

/** Median milliseconds of the workload over `runs` runs, after a few unmeasured ones. */
export function measureReferenceWorkload(runs = 15): number {
  for (let i = 0; i < 5; i++) workload();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    workload();
    times.push(performance.now() - started);
  }
  return summarize(times).p50;
}
