/** The real Majordome server, in the bench's own process, wired to the peers' simulator and fake model. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/config/config.js';
import { parseOptions } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { startMajordome } from '../src/main.js';
import type { Peers } from './peers.js';

/** A running in-process server. */
export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts Majordome on 127.0.0.1 (a trusted proxy, so the bench can assert a user) with a fresh data dir. */
export async function startBenchServer(peers: Peers): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-bench-'));
  const raw = { anthropic_api_key: peers.llmKey, log_level: 'error' };
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify(raw));
  const config: Config = {
    mode: 'standalone',
    ha: { url: peers.simUrl, token: peers.haToken },
    dataDir,
    port: 0,
    trustedProxies: ['127.0.0.1'],
    wyomingPort: 0,
    chromiumPath: '/usr/bin/chromium',
    anthropicBaseUrl: peers.llmUrl,
    options: parseOptions(raw),
  };
  const majordome = await startMajordome(config, createLogger('error'), '127.0.0.1');
  return {
    url: `http://127.0.0.1:${majordome.port}`,
    async stop() {
      await majordome.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the server's entity index holds entities (HA connected and states loaded). */
export async function waitForEntities(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/api/status`, { headers }).catch(() => undefined);
    if (res?.ok) {
      const status = (await res.json()) as { ha?: { entities?: number } };
      if ((status.ha?.entities ?? 0) > 0) return status.ha?.entities ?? 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Majordome at ${url} did not load any entity within ${timeoutMs} ms`);
}
