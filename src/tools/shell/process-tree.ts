/**
 * Killing a command with everything it started. The command leads its own process group
 * (spawned detached), so one kill(-pgid) reaches its children and grandchildren; descendants that
 * moved to a group of their own (setsid) are found through /proc while their parent still lives.
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
