/**
 * Idle memory of the server as its own process, against the peers' simulator: started, healthy,
 * entities loaded, then VmRSS read from /proc/<pid>/status a few seconds after the load and again
 * once it has settled. Settling matters: the first load of a big home parses megabytes of JSON,
 * and V8 gives that heap back to the system only when its memory reducer runs on an idle process,
 * some 10 to 40 seconds later. The settled value is what an add-on costs the rest of the day.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_USER_HEADERS } from '../test/support/stack.js';
import { waitForEntities } from './bench-server.js';
import { repoImageMemoryEnv } from './image-env.js';
import type { Peers } from './peers.js';
import type { ServerCommand } from './server-build.js';

/** What measureIdleRss found; memory in MiB. */
export interface RssMeasurement {
  /** Settled idle RSS (see the file comment). */
  rss_mib: number | null;
  /** RSS `idle_s` seconds after the entities were loaded. */
  rss_after_load_mib: number | null;
  /** Seconds from the load until RSS settled (or the wait ran out). */
  settled_after_s: number;
  /** Peak RSS since start (VmHWM): start-up and the initial load of every entity. */
  peak_rss_mib: number | null;
  entities_indexed: number;
  idle_s: number;
  command: string;
  /** The image's allocator settings the server ran with (from the Dockerfile). */
  env: Record<string, string>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A `Vm…` line of /proc/<pid>/status in MiB, or null where /proc does not exist. */
export function readProcStatusMib(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    const kib = Number(line?.match(/(\d+)\s*kB/)?.[1]);
    return Number.isFinite(kib) ? Math.round((kib / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/**
 * Polls RSS until it stops moving: lower than `start` and the same over `stableReadings`
 * consecutive reads, or `maxMs` elapsed. Returns the last reading and when it was taken.
 */
export async function waitForSettledRss(read: () => number | null, start: number | null, opts: { everyMs: number; maxMs: number; stableReadings: number }): Promise<{ rss: number | null; afterMs: number }> {
  let last = start;
  let same = 0;
  let elapsed = 0;
  while (elapsed < opts.maxMs) {
    await pause(opts.everyMs);
    elapsed += opts.everyMs;
    const now = read();
    same = now !== null && last !== null && Math.abs(now - last) < 1 ? same + 1 : 0;
    last = now;
    if (now !== null && start !== null && now < start - 1 && same >= opts.stableReadings) break;
  }
  return { rss: last, afterMs: elapsed };
}

/** Starts the server process, waits for it to be loaded and idle, reads its RSS, stops it. */
export async function measureIdleRss(peers: Peers, server: ServerCommand, idleMs = 3000, settleMaxMs = 90_000): Promise<RssMeasurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-bench-rss-'));
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: peers.llmKey, log_level: 'warning' }));
  const port = await freePort();
  // The allocator settings of the add-on image: idle memory as users run it.
  const imageEnv = repoImageMemoryEnv();
  const env = {
    PATH: process.env.PATH ?? '',
    MAJORDOME_DATA_DIR: dataDir,
    HA_URL: peers.simUrl,
    HA_TOKEN: peers.haToken,
    MAJORDOME_PORT: String(port),
    MAJORDOME_TRUSTED_PROXIES: '127.0.0.1',
    ANTHROPIC_BASE_URL: peers.llmUrl,
    ...imageEnv,
  };
  const child = spawn(process.execPath, server.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}`;
    const indexed = await Promise.race([
      waitForEntities(url, TEST_USER_HEADERS, 60_000),
      exited.then(() => Promise.reject(new Error(`server process exited: ${stderr.trim().split('\n').at(-1) ?? ''}`))),
    ]);
    await pause(idleMs);
    const pid = child.pid ?? 0;
    const afterLoad = readProcStatusMib(pid, 'VmRSS');
    const settled = await waitForSettledRss(() => readProcStatusMib(pid, 'VmRSS'), afterLoad, { everyMs: 2000, maxMs: settleMaxMs, stableReadings: 2 });
    return {
      rss_mib: settled.rss,
      rss_after_load_mib: afterLoad,
      settled_after_s: Math.round((idleMs + settled.afterMs) / 1000),
      peak_rss_mib: readProcStatusMib(pid, 'VmHWM'),
      entities_indexed: indexed,
      idle_s: idleMs / 1000,
      command: server.label,
      env: imageEnv,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
