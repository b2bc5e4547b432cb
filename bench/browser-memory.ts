/**
 * Memory of the server and its browser after 20 page loads (issue 6): the server runs as its own
 * process with the browser on, a small site and the HA simulator run here, and the fake model opens
 * one page per chat (each chat a new conversation, as people would ask). Then the server's RSS and
 * the browser's proportional set size (PSS, shared pages counted once across Chromium's processes)
 * are read from /proc.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAnthropic, turnToolCalls, type FakeReply, type RecordedRequest } from '../test/fake-llm/index.js';
import { generateHome, startHaSim } from '../test/ha-sim/index.js';
import { startTestSite } from '../test/integration/browser-site.js';
import { chat, TEST_USER_HEADERS } from '../test/support/stack.js';
import { waitForEntities } from './bench-server.js';
import { readProcStatusMib } from './idle-rss.js';
import { repoImageMemoryEnv } from './image-env.js';
import type { Check } from './results.js';
import type { ServerCommand } from './server-build.js';

/** What measureBrowserMemory found; memory in MiB, null where /proc cannot tell. */
export interface BrowserMemory {
  page_loads: number;
  pages_failed: number;
  server_rss_mib: number | null;
  browser_pss_mib: number | null;
  browser_processes: number;
  /** The sum of both: what the add-on costs with the browser open. */
  total_mib: number | null;
  skipped?: string;
}

/** Pages the loads cycle through (a sign-in form, an order form, a text page, the shop's home). */
const PATHS = ['/', '/login', '/order', '/injection', '/account'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Proportional set size of a process in MiB, from /proc/<pid>/smaps_rollup. */
function pssMib(pid: string): number {
  try {
    const kib = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Chromium processes of one profile. */
function browserPids(profileDir: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profileDir}`);
      } catch {
        return false;
      }
    });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The fake model: open the URL the user gave, then say what the page was. */
function openThenReport(req: RecordedRequest): FakeReply {
  const calls = turnToolCalls(req.body);
  if (calls.length === 0) {
    const text = req.body.messages.at(-1)?.content;
    const url = (typeof text === 'string' ? text : (text?.find((b) => b.type === 'text')?.text ?? '')).replace(/^open /, '').trim();
    return { content: [{ type: 'tool_use', name: 'browser_open', input: { url } }] };
  }
  return { content: [{ type: 'text', text: calls.at(-1)?.result?.isError ? 'failed' : 'opened' }] };
}

/** Runs the server with the browser on, loads `loads` pages through chats, reads the memory. */
export async function measureBrowserMemory(server: ServerCommand, loads = 20, chromiumPath = process.env.MAJORDOME_CHROMIUM ?? '/usr/bin/chromium'): Promise<BrowserMemory> {
  const empty = { page_loads: 0, pages_failed: 0, server_rss_mib: null, browser_pss_mib: null, browser_processes: 0, total_mib: null };
  if (!existsSync(chromiumPath)) return { ...empty, skipped: `chromium not found at ${chromiumPath}` };
  const site = await startTestSite();
  const sim = await startHaSim({ home: generateHome(50, 1) });
  const llm = await startFakeAnthropic({ fallback: openThenReport });
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-bench-browser-'));
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: llm.apiKey, log_level: 'warning', browser_enabled: true, browser_allow_private: true }));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    MAJORDOME_DATA_DIR: dataDir,
    HA_URL: sim.url,
    HA_TOKEN: sim.adminToken,
    MAJORDOME_PORT: String(port),
    MAJORDOME_WYOMING_PORT: '0',
    MAJORDOME_TRUSTED_PROXIES: '127.0.0.1',
    MAJORDOME_CHROMIUM: chromiumPath,
    ANTHROPIC_BASE_URL: llm.url,
    ...repoImageMemoryEnv(),
  };
  const child = spawn(process.execPath, server.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}`;
    await Promise.race([
      waitForEntities(url, TEST_USER_HEADERS, 60_000),
      exited.then(() => Promise.reject(new Error(`server process exited: ${stderr.trim().split('\n').at(-1) ?? ''}`))),
    ]);
    let failed = 0;
    for (let i = 0; i < loads; i++) {
      const events = await chat(url, { message: `open ${site.url}${PATHS[i % PATHS.length]}?load=${i}` });
      if (!events.some((e) => e['type'] === 'tool_result' && e['ok'] === true)) failed++;
    }
    const pids = browserPids(join(dataDir, 'browser'));
    const serverRss = readProcStatusMib(child.pid ?? 0, 'VmRSS');
    const browserPss = pids.length ? round(pids.reduce((sum, pid) => sum + pssMib(pid), 0)) : null;
    return {
      page_loads: loads,
      pages_failed: failed,
      server_rss_mib: serverRss,
      browser_pss_mib: browserPss,
      browser_processes: pids.length,
      total_mib: serverRss !== null && browserPss !== null ? round(serverRss + browserPss) : null,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await llm.stop();
    await sim.stop();
    await site.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The measurement as a bench row (information: the add-on has no memory target for the browser yet). */
export function browserMemoryChecks(memory: BrowserMemory): Check[] {
  if (memory.skipped) return [{ name: 'browser: memory after 20 page loads', target: 'info', value: `skipped (${memory.skipped})`, verdict: 'INFO' }];
  const mib = (n: number | null) => (n === null ? 'n/a' : `${n} MiB`);
  return [
    {
      name: `browser: server RSS + browser PSS after ${memory.page_loads} page loads (${memory.browser_processes} Chromium processes${memory.pages_failed ? `, ${memory.pages_failed} loads failed` : ''})`,
      target: 'info',
      value: `${mib(memory.total_mib)} (server ${mib(memory.server_rss_mib)}, browser ${mib(memory.browser_pss_mib)})`,
      verdict: 'INFO',
    },
  ];
}
