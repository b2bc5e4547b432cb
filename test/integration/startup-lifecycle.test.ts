import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { parseOptions } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { startMajordome } from '../../src/main.js';
import { loadIntentsHome, startHaSim, type HaSim } from '../ha-sim/index.js';
import { until } from '../support/until.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CHILD = join(process.cwd(), 'test', 'support', 'start-then-stop.ts');

async function occupyPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function closedPort(): Promise<number> {
  const server = await occupyPort();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The files of `dir` this process holds open (the database, its WAL), read from /proc. */
function openFilesUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir));
}

function configFor(haUrl: string, port: number): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-lifecycle-'));
  return {
    mode: 'standalone',
    ha: { url: haUrl, token: 'sim-admin-token' },
    dataDir,
    port,
    trustedProxies: ['127.0.0.1'],
    wyomingPort: 0,
    chromiumPath: '/usr/bin/chromium',
    options: parseOptions({}),
  };
}

/** Runs start-then-stop.ts; resolves with its output once it exits by itself, or says what kept it alive. */
async function runChild(env: Record<string, string>, waitMs = 20_000): Promise<{ exited: boolean; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-lifecycle-child-'));
  writeFileSync(join(dataDir, 'options.json'), '{}');
  const child = spawn(TSX, [CHILD], {
    env: { PATH: process.env.PATH ?? '', MAJORDOME_DATA_DIR: dataDir, MAJORDOME_WYOMING_PORT: '0', HA_TOKEN: 'sim-admin-token', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!exited) child.kill('SIGKILL');
  return { exited, output: output.trim() };
}

describe('starting and stopping Majordome', () => {
  let sim: HaSim;
  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('the HTTP port busy: start fails saying so, and closes the database and its HA socket', async () => {
    const busy = await occupyPort();
    const port = (busy.address() as AddressInfo).port;
    try {
      const config = configFor(sim.url, port);
      await expect(startMajordome(config, createLogger('silent'), '127.0.0.1')).rejects.toThrow(`port ${port} is already in use`);
      expect(openFilesUnder(config.dataDir)).toEqual([]);
      await until(() => sim.openWebSockets() === 0, 'the HA socket to close');
    } finally {
      busy.close();
    }
  });

  it('the HTTP port busy: the process that tried to start ends by itself (no timer or socket left)', async () => {
    const busy = await occupyPort();
    const port = (busy.address() as AddressInfo).port;
    try {
      const run = await runChild({ HA_URL: sim.url, MAJORDOME_PORT: String(port) });
      expect(run.output).toContain(`failed: The HTTP port ${port} is already in use`);
      expect(run.exited).toBe(true);
    } finally {
      busy.close();
    }
  });

  it('a rule that does not parse: start fails naming it, and the database opened to check it is closed', async () => {
    const config = configFor(sim.url, 0);
    config.options = parseOptions({ rules: [{ effect: 'allow', tool: 'ha_call_service', match: '(((' }] });
    await expect(startMajordome(config, createLogger('silent'), '127.0.0.1')).rejects.toThrow(/rules\[0\]\.match/);
    expect(openFilesUnder(config.dataDir)).toEqual([]);
  });

  it('the Assist port busy: voice is off, the panel still answers, and stop() closes everything', async () => {
    const busy = await occupyPort();
    try {
      const config = { ...configFor(sim.url, 0), wyomingPort: (busy.address() as AddressInfo).port };
      const majordome = await startMajordome(config, createLogger('silent'), '127.0.0.1');
      expect(majordome.wyomingPort).toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${majordome.port}/api/health`)).status).toBe(200);
      await majordome.stop();
      expect(openFilesUnder(config.dataDir)).toEqual([]);
      await until(() => sim.openWebSockets() === 0, 'the HA socket to close');
    } finally {
      busy.close();
    }
  });

  it('HA unreachable: start goes on (HA is retried), and stop() then closes everything', async () => {
    const haUrl = `http://127.0.0.1:${await closedPort()}`;
    const config = configFor(haUrl, 0);
    const majordome = await startMajordome(config, createLogger('silent'), '127.0.0.1');
    await majordome.stop();
    expect(openFilesUnder(config.dataDir)).toEqual([]);

    const run = await runChild({ HA_URL: haUrl, MAJORDOME_PORT: '0' });
    expect(run.output).toBe('started\nstopped');
    expect(run.exited).toBe(true);
  });

  it('stop() after a normal start leaves nothing open: the process ends by itself', async () => {
    const config = configFor(sim.url, 0);
    const majordome = await startMajordome(config, createLogger('silent'), '127.0.0.1');
    await until(() => sim.openWebSockets() > 0, 'Majordome to connect to HA');
    await majordome.stop();
    expect(openFilesUnder(config.dataDir)).toEqual([]);
    await until(() => sim.openWebSockets() === 0, 'the HA socket to close');

    const run = await runChild({ HA_URL: sim.url, MAJORDOME_PORT: '0' });
    expect(run.output).toBe('started\nstopped');
    expect(run.exited).toBe(true);
  });
});
