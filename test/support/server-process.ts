/**
 * Majordome as its own process (its memory is then its own), on loopback, against a simulator and
 * a fake model: for the load test and the bench's load part.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server process. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory now, in MiB (VmRSS). */
  rssMib(): number;
  stop(): Promise<void>;
}

/** Where the server, its HA and its model are. */
export interface ServerProcessOptions {
  haUrl: string;
  haToken: string;
  llmUrl: string;
  llmKey: string;
  /** Extra options.json entries. */
  options?: Record<string, unknown>;
  /** How to run src/main.ts; default `node --import tsx src/main.ts`. */
  args?: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** VmRSS of a process in MiB. */
export function readRssMib(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)\s*kB/)?.[1]) / 1024;
}

/**
 * RSS once it is at most `limitMib`, polling for up to `maxMs`; else the last reading. V8 keeps
 * the heap a burst of turns grew until its memory reducer runs on an idle process, some seconds
 * later: that settled value, not the one right after the burst, tells a leak from a heap in use.
 */
export async function settledRssMib(server: Pick<ServerProcess, 'rssMib'>, limitMib: number, maxMs: number): Promise<number> {
  const end = Date.now() + maxMs;
  let rss = server.rssMib();
  while (rss > limitMib && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    rss = server.rssMib();
  }
  return rss;
}

/** Starts the server and resolves once its entity index holds entities (`adminHeaders` asks /api/status). */
export async function startServerProcess(opts: ServerProcessOptions, adminHeaders: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-process-'));
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: opts.llmKey, log_level: 'error', ...opts.options }));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    MAJORDOME_DATA_DIR: dataDir,
    HA_URL: opts.haUrl,
    HA_TOKEN: opts.haToken,
    MAJORDOME_PORT: String(port),
    MAJORDOME_WYOMING_PORT: '0',
    MAJORDOME_TRUSTED_PROXIES: '127.0.0.1',
    ANTHROPIC_BASE_URL: opts.llmUrl,
  };
  const args = opts.args ?? ['--import', 'tsx', join(process.cwd(), 'src', 'main.ts')];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server process exited: ${stderr.trim().split('\n').at(-1) ?? ''}`);
      if (i > 600) throw new Error('the server loaded no entity within 60 s');
      const res = await fetch(`${url}/api/status`, { headers: adminHeaders }).catch(() => undefined);
      const status = res?.ok ? ((await res.json()) as { ha?: { entities?: number } }) : undefined;
      if ((status?.ha?.entities ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const pid = child.pid ?? 0;
  return { url, pid, rssMib: () => readRssMib(pid), stop };
}
