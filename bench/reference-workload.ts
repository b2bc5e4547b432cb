/**
 * A fixed piece of CPU work (JSON, sorting, maps: what a turn does most) timed at the start and end
 * of a run. Timings on a shared or virtual machine drift by tens of percent from hour to hour;
 * this number moves with them, so two runs' results can be compared.
 */
import { summarize } from './stats.js';

function workload(): number {
  const rows = Array.from({ length: 5000 }, (_, i) => ({ entity_id: `light.room_${i % 97}_${i}`, state: i % 3 ? 'on' : 'off', attributes: { brightness: i % 255, friendly_name: `Room ${i}` } }));
  const copy = JSON.parse(JSON.stringify(rows)) as typeof rows;
  copy.sort((a, b) => a.entity_id.localeCompare(b.entity_id));
  const byId = new Map(copy.map((row) => [row.entity_id, row]));
  return byId.size;
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
