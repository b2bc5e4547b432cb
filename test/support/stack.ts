import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import { parseOptions } from '../../src/config/load-config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startMajordome, type Majordome, type MajordomeOverrides } from '../../src/main.js';
import { startFakeAnthropic, type FakeAnthropicOptions, type FakeLlm } from '../fake-llm/index.js';
import { startFakeOpenAi } from '../fake-llm/fake-openai.js';
import type { FakeOpenAiOptions } from '../fake-llm/fake-openai-types.js';
import { startHaSim, type HaSim, type SimHome, type SimOptions } from '../ha-sim/index.js';

/** A whole Majordome against the HA simulator and the fake model, for integration tests. */
export interface Stack {
  sim: HaSim;
  llm: FakeLlm;
  majordome: Majordome;
  /** Base URL of Majordome's HTTP server (peers on 127.0.0.1 are trusted proxies here). */
  url: string;
  dataDir: string;
  /** Stops Majordome only (the simulator and model keep running), then starts it again on the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Options for startStack; `options` are merged into options.json. */
export interface StackOptions {
  home: SimHome;
  options?: Record<string, unknown>;
  dataDir?: string;
  logger?: Logger;
  /** Test hooks passed to startMajordome (e.g. a short approval timeout). */
  overrides?: MajordomeOverrides;
  /** Add-on mode: HA through the simulator's `/core` proxy paths and the simulator as the Supervisor. */
  addon?: boolean;
  /** Config fields to override (e.g. `wyomingPeers`). */
  config?: Partial<Config>;
  /** `openai`: the fake OpenAI chat-completions server instead, with `llm_provider: openai` (default `anthropic`). */
  llm?: 'anthropic' | 'openai';
  /** Options of the fake OpenAI server (a model without tool support, …). */
  fakeOpenAi?: FakeOpenAiOptions;
  /** A simulator already running (another Majordome uses it too): this stack neither starts nor stops it. */
  sim?: HaSim;
  /** Options of the simulator this stack starts, besides the home (an older `haVersion`, …). */
  simOptions?: Omit<SimOptions, 'home'>;
  /** Options of the fake Anthropic server (a `fallback` model answering every request, …). */
  fakeAnthropic?: FakeAnthropicOptions;
}

/** Starts the simulator, the fake model server (Anthropic's unless `llm: 'openai'`) and Majordome wired to both. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const sim = opts.sim ?? (await startHaSim({ ...opts.simOptions, home: opts.home }));
  const openai = opts.llm === 'openai';
  const llm: FakeLlm = openai ? await startFakeOpenAi(opts.fakeOpenAi) : await startFakeAnthropic(opts.fakeAnthropic);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'majordome-stack-'));
  const keys = openai ? { llm_provider: 'openai', openai_api_key: llm.apiKey } : { anthropic_api_key: llm.apiKey };
  const options = { ...keys, ...opts.options };
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify(options));
  const config: Config = {
    mode: 'standalone',
    ha: { url: sim.url, token: sim.adminToken },
    ...(opts.addon && {
      mode: 'addon',
      ha: { url: `${sim.url}/core`, token: sim.adminToken },
      supervisor: { url: sim.url, token: sim.adminToken },
    }),
    dataDir,
    port: 0,
    trustedProxies: ['127.0.0.1'],
    wyomingPort: 0,
    chromiumPath: process.env.MAJORDOME_CHROMIUM ?? '/usr/bin/chromium',
    // The OpenAI endpoint comes from OPENAI_BASE_URL's field, as when openai_base_url is not set.
    ...(openai ? { openaiBaseUrl: llm.url } : { anthropicBaseUrl: llm.url }),
    options: parseOptions(options),
    ...opts.config,
  };
  const logger = opts.logger ?? createLogger('error');
  let majordome = await startMajordome(config, logger, '127.0.0.1', opts.overrides);
  const stack: Stack = {
    sim,
    llm,
    majordome,
    url: `http://127.0.0.1:${majordome.port}`,
    dataDir,
    async restart() {
      await majordome.stop();
      majordome = await startMajordome({ ...config, port: majordome.port }, logger, '127.0.0.1', opts.overrides);
      stack.majordome = majordome;
    },
    async stop() {
      await majordome.stop();
      await llm.stop();
      if (!opts.sim) await sim.stop();
    },
  };
  return stack;
}

/** The user the tests act as: the simulator's admin, asserted like the Supervisor does. */
export const TEST_USER_HEADERS = {
  'x-remote-user-id': 'user-admin',
  'x-remote-user-name': 'alice',
  'x-remote-user-display-name': 'Alice',
};

/** Posts a chat message and collects every SSE event until the stream ends. */
export async function chat(
  url: string,
  body: { message: string; conversation_id?: string; language?: string },
  headers: Record<string, string> = TEST_USER_HEADERS,
): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error('chat is not an event stream');
  const text = await res.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5).trim()) as Record<string, unknown>);
}
