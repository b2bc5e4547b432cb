import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../src/config/config.js';
import { parseOptions } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/logger.js';
import { startMajordome, type Majordome } from '../../../src/main.js';
import { startFakeAnthropic, type FakeLlm } from '../../fake-llm/index.js';
import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';

/** Majordome run standalone next to "HA" (the simulator): no proxy, no trusted peers. */
export interface StandaloneStack {
  sim: HaSim;
  llm: FakeLlm;
  majordome: Majordome;
  /** Majordome's own address, as the browser opens it (`http://127.0.0.1:<port>/`). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the simulator, the fake model and Majordome in standalone mode with an empty
 * MAJORDOME_TRUSTED_PROXIES, so the only way in is a bearer token from HA's own login.
 */
export async function startStandaloneStack(): Promise<StandaloneStack> {
  const sim = await startHaSim({ home: loadIntentsHome() });
  const llm = await startFakeAnthropic();
  const dataDir = mkdtempSync(join(tmpdir(), 'majordome-standalone-'));
  const options = { anthropic_api_key: llm.apiKey };
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify(options));
  const config: Config = {
    mode: 'standalone',
    ha: { url: sim.url, token: sim.adminToken },
    dataDir,
    port: 0,
    trustedProxies: [],
    wyomingPort: 0,
    chromiumPath: '/usr/bin/chromium',
    anthropicBaseUrl: llm.url,
    options: parseOptions(options),
  };
  const majordome = await startMajordome(config, createLogger('error'), '127.0.0.1');
  return {
    sim,
    llm,
    majordome,
    url: `http://127.0.0.1:${majordome.port}/`,
    async stop() {
      await majordome.stop();
      await llm.stop();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
