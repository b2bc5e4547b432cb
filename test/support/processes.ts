/** Helpers for tests that start processes: is a pid still running, wait for a file. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether `pid` is a running process. A zombie (state Z) is dead: it only waits for its parent
 * (here often the container's init) to collect its exit status.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves once `check` holds, polling; rejects after `limitMs` (a hang guard, not a speed check). */
export async function eventually(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await sleep(20);
  }
}

/** The pids written one per line to `file`, once it has `count` of them. */
export async function readPids(file: string, count = 1): Promise<number[]> {
  const pids = (): number[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number) : []);
  await eventually(() => pids().length >= count, `${count} pid(s) in ${file}`);
  return pids();
}
