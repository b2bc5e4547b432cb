/**
 * `npm run bench`: prompt size per turn against HA's Assist prompt, agent overhead per turn,
 * ha_find_entities latency and idle RSS, for generated homes of 50, 500 and 5,000 entities, then
 * the security score (injection suite and a normal day, issue 4) and the memory of the server with
 * its browser after 20 page loads (issue 6).
 * Prints a table with the targets of issue 2 and writes bench-results/latest.json.
 *
 * Flags: --quick (fewer turns, for a smoke run), --turns=N, --no-build (never compile; run the
 * server with tsx when dist/ is stale), --no-save (print only).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHome } from '../test/ha-sim/index.js';
import { measureFindLatency, type FindMeasurement } from '../bench/find-latency.js';
import { measureIdleRss } from '../bench/idle-rss.js';
import { readMachineFacts } from '../bench/machine.js';
import { startPeers } from '../bench/peers.js';
import { measureAssist, measureMajordomeTurn, type PromptRow } from '../bench/prompt-size.js';
import { buildChecks, renderReport } from '../bench/report.js';
import type { BenchResults, OverheadRow } from '../bench/results.js';
import { resolveServerCommand } from '../bench/server-build.js';
import { TOKEN_ESTIMATOR_NOTE } from '../bench/token-estimate.js';
import { measureTurns, SCENARIO } from '../bench/turn-overhead.js';
import { measureSecurityScore, securityChecks } from '../bench/security-score.js';
import { browserMemoryChecks, measureBrowserMemory } from '../bench/browser-memory.js';

const HOME_SIZES = [50, 500, 5000];
const RSS_SIZES = [50, 500, 5000];
const SEED = 1;
const IDLE_MS = 3000;

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function numberFlag(name: string, fallback: number): number {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const value = Number(raw);
  return raw !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const quick = flag('quick');
  const turns = numberFlag('turns', quick ? 10 : 50);
  const warmup = quick ? 5 : 25;
  const searchIterations = quick ? 100 : 500;
  const machine = readMachineFacts();

  log('preparing the server build for the RSS measurement');
  const server = resolveServerCommand(root, !flag('no-build'));
  log(`server process: ${server.label}`);

  const promptRows: PromptRow[] = [];
  const prefixes = new Set<string>();
  const overhead: OverheadRow[] = [];
  const rss: BenchResults['rss'] = [];
  let search: (FindMeasurement & { entities: number }) | undefined;

  for (const entities of HOME_SIZES) {
    log(`home of ${entities} entities: starting the simulator and the fake model`);
    const peers = await startPeers(entities);
    try {
      log(`home of ${entities}: ${warmup} + ${turns} turns through the server`);
      const { sample_turn_requests: sample, ...turnRow } = await measureTurns(peers, { warmup, turns });
      overhead.push({ entities, ...turnRow });
      const majordome = measureMajordomeTurn(sample);
      prefixes.add(majordome.prefixText);
      promptRows.push({ entities, majordome: majordome.size, assist: measureAssist(generateHome(entities, SEED)) });
      if (entities === Math.max(...HOME_SIZES)) {
        log(`home of ${entities}: ${searchIterations} ha_find_entities searches`);
        search = { entities, ...(await measureFindLatency(peers, searchIterations)) };
      }
      if (RSS_SIZES.includes(entities)) {
        log(`home of ${entities}: idle RSS of a server process`);
        rss.push({ entities, ...(await measureIdleRss(peers, server, IDLE_MS)) });
      }
    } finally {
      await peers.stop();
    }
  }
  if (!search) throw new Error('no search measurement');
  log('security: the injection suite and a normal day (issue 4)');
  const security = await measureSecurityScore();
  log('browser: memory of the server and Chromium after 20 page loads (issue 6)');
  const browser = await measureBrowserMemory(server);

  const partial: Omit<BenchResults, 'checks'> = {
    schema: 1,
    generated_at: new Date().toISOString(),
    duration_s: Math.round((performance.now() - started) / 100) / 10,
    machine,
    load_average_1m_at_end: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    settings: { home_sizes: HOME_SIZES, home_seed: SEED, warmup_turns: warmup, measured_turns: turns, search_iterations: searchIterations, rss_home_sizes: RSS_SIZES, rss_idle_s: IDLE_MS / 1000 },
    token_estimator: TOKEN_ESTIMATOR_NOTE,
    prompt: { scenario: SCENARIO, rows: promptRows, prefix_identical_across_homes: prefixes.size === 1 },
    overhead,
    search,
    rss,
    server_command: { label: server.label, ...(server.note ? { note: server.note } : {}) },
  };
  const results: BenchResults & { security: typeof security; browser: typeof browser } = {
    ...partial,
    security,
    browser,
    checks: [...buildChecks(partial), ...securityChecks(security), ...browserMemoryChecks(browser)],
  };
  console.log(renderReport(results));
  if (!flag('no-save')) {
    const dir = join(root, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    log(`saved bench-results/latest.json (${results.duration_s} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
