/**
 * The demo: the real Majordome server against the HA simulator loaded with a real home (a
 * community member's installation from HA's frontend demo), behind a stand-in for HA's ingress
 * that logs you in as the home's admin. Talks to Claude when ANTHROPIC_API_KEY is set; otherwise a
 * small scripted model answers simple home commands, and the demo says so.
 *
 *   npm run demo [-- --home arsaboo|jimpower|kernehed|teachingbirds|sections] [--port 8099]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../src/config/config.js';
import { parseOptions } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { startMajordome } from '../src/main.js';
import { packageRoot } from '../src/package-info.js';
import { startFakeAnthropic } from '../test/fake-llm/index.js';
import { createHomeAssistantResponder } from '../test/fake-llm/scripts.js';
import { loadFrontendDemoHome, startHaSim } from '../test/ha-sim/index.js';
import { startIngressProxy } from '../test/support/ingress-proxy.js';

const HOMES = ['arsaboo', 'jimpower', 'kernehed', 'teachingbirds', 'sections'] as const;
type HomeName = (typeof HOMES)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      home: { type: 'string', default: 'teachingbirds' },
      port: { type: 'string', default: process.env.MAJORDOME_PORT ?? '8099' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run demo -- [--home arsaboo|jimpower|kernehed|teachingbirds|sections] [--port 8099]');
    return;
  }
  if (!HOMES.includes(values.home as HomeName)) throw new Error(`--home must be one of ${HOMES.join(', ')}`);
  const publicPort = Number(values.port);

  const logger = createLogger((process.env.LOG_LEVEL as 'debug' | 'info' | undefined) ?? 'info');
  const home = loadFrontendDemoHome(values.home as HomeName);
  const sim = await startHaSim({ home });

  const apiKey = process.env.ANTHROPIC_API_KEY?.trim();
  const scripted = apiKey ? undefined : await startFakeAnthropic({ fallback: createHomeAssistantResponder() });

  const dataDir = join(packageRoot(), '.data', 'demo');
  mkdirSync(dataDir, { recursive: true });
  const options = parseOptions({
    anthropic_api_key: apiKey ?? scripted?.apiKey,
    language: process.env.MAJORDOME_LANGUAGE ?? 'en',
    log_level: 'info',
    ...(process.env.MAJORDOME_MODEL ? { model: process.env.MAJORDOME_MODEL } : {}),
  });
  // The key lives in memory only; the file on disk shows the shape of a real options.json without it.
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ ...options, anthropic_api_key: undefined }, null, 2));

  const config: Config = {
    mode: 'standalone',
    ha: { url: sim.url, token: sim.adminToken },
    dataDir,
    port: 0,
    trustedProxies: ['127.0.0.1'],
    wyomingPort: 0,
    chromiumPath: process.env.MAJORDOME_CHROMIUM ?? '/usr/bin/chromium',
    anthropicBaseUrl: scripted?.url ?? process.env.ANTHROPIC_BASE_URL,
    options,
  };
  const majordome = await startMajordome(config, logger, '127.0.0.1');
  const proxy = await startIngressProxy({
    target: `http://127.0.0.1:${majordome.port}`,
    user: { id: 'user-admin', name: 'alice', displayName: 'Alice' },
    port: publicPort,
  });

  const chatUrl = `${proxy.url}api/chat`;
  console.log(`
Majordome demo is running.
  Home:      ${home.name} (${home.states.length} entities, simulated Home Assistant at ${sim.url})
  Panel:     http://localhost:${publicPort}/  (you are logged in as Alice, the home's admin)
  Model:     ${apiKey ? `Claude (${options.model ?? 'default model'})` : 'a small scripted stand-in: it only understands "turn on/off <something>"'}
${apiKey ? '' : '  For real answers, stop the demo and run it again with ANTHROPIC_API_KEY=sk-ant-… set.\n'}
Try it from a terminal:
  curl -N -H 'content-type: application/json' -d '{"message":"turn on the kitchen light"}' ${chatUrl}
Data (conversations, audit log): ${dataDir}
Press Ctrl+C to stop.`);

  const stop = async () => {
    await proxy.stop();
    await majordome.stop();
    await scripted?.stop();
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
