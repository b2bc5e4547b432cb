/**
 * Killing a command with everything it started. The command leads its own process group
 * (spawned detached), so one kill(-pgid) reaches its children and grandchildren; descendants that
 * moved to a group of their own (setsid) are found through /proc while their parent still lives,
 * and, once it died (a double fork: `setsid -f`), by the tag in their environment (child-env.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of each live process, from /proc (Linux); empty where /proc is not readable. */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

/** Every live descendant of `pid`. */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [child, parent] of parentPids()) children.set(parent, [...(children.get(parent) ?? []), child]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() ?? -1) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function signal(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    // Already gone (ESRCH): nothing to do.
  }
}

/** SIGKILLs the process group led by `pid` and every descendant of `pid` still attached to it. */
export function killProcessTree(pid: number): void {
  // Read the tree first: once the leader dies, its children are re-parented and lost to the walk.
  const descendants = descendantsOf(pid);
  signal(-pid, 'SIGKILL');
  signal(pid, 'SIGKILL');
  for (const child of descendants) signal(child, 'SIGKILL');
}

/** SIGKILLs whatever is left of the process group led by `pid` (background jobs of a finished command). */
export function killProcessGroup(pid: number): void {
  signal(-pid, 'SIGKILL');
}

/** Live processes whose environment holds `tag` (`NAME=value`); only the same user's (or root's) are readable. */
export function taggedProcesses(tag: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(tag)) found.push(Number(entry));
    } catch {
      // Ended while we looked, or another user's.
    }
  }
  return found;
}

/** Rounds of look-and-kill: a tagged process may fork while the previous round kills it. */
const TAG_ROUNDS = 10;

/**
 * SIGKILLs every process whose environment holds `tag`, whatever group, session or parent it has
 * now. A process that replaced its environment (`env -i`) is not found; the bwrap sandbox's own
 * PID namespace holds those too.
 */
export function killTagged(tag: string): void {
  for (let round = 0; round < TAG_ROUNDS; round++) {
    const pids = taggedProcesses(tag);
    if (pids.length === 0) return;
    for (const pid of pids) signal(pid, 'SIGKILL');
  }
}
