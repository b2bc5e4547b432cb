/**
 * `npm run bench`: prompt size per turn against HA's Assist prompt, agent overhead per turn,
 * ha_find_entities latency and idle RSS, for generated homes of 50, 500 and 5,000 entities, then
 * the security score (injection suite and a normal day, issue 4), the memory of the server with
 * its browser after 20 page loads (issue 6), and the panel's gzipped first load and time to first
 * render in headless chromium (issue 3), and per-turn latency with 12 users chatting at once while
 * HA's connection drops once (issue 22), and model round trips per plain command over HA's
 * intents sentences with a 600 ms model stand-in, beside HA's LLM agent's shape (issue 16).
 * Prints a table with the targets and writes bench-results/latest.json.
 *
 * Flags: --quick (fewer turns, for a smoke run), --turns=N, --no-build (never compile; run the
 * server with tsx when dist/ is stale), --no-save (print only),
 * --only=home,security,browser,panel,load,trips (run those parts; the others are kept from the saved results).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHome } from '../test/ha-sim/index.js';
import { measureFindLatency, type FindMeasurement } from '../bench/find-latency.js';
import { measureIdleRss } from '../bench/idle-rss.js';
import { readMachineFacts } from '../bench/machine.js';
import { measureReferenceWorkload } from '../bench/reference-workload.js';
import { startPeers } from '../bench/peers.js';
import { measureAssist, measureMajordomeTurn, type PromptRow } from '../bench/prompt-size.js';
import { buildChecks, renderReport, type ReportInput } from '../bench/report.js';
import type { BenchResults, Check, OverheadRow } from '../bench/results.js';
import { resolveServerCommand, type ServerCommand } from '../bench/server-build.js';
import { TOKEN_ESTIMATOR_NOTE } from '../bench/token-estimate.js';
import { measureTurns, SCENARIO } from '../bench/turn-overhead.js';
import { measureSecurityScore, securityChecks, type SecurityScore } from '../bench/security-score.js';
import { browserMemoryChecks, measureBrowserMemory, type BrowserMemory } from '../bench/browser-memory.js';
import { measurePanelBundle, panelBundleChecks, type PanelBundle } from '../bench/panel-bundle.js';
import { measurePanelRender, panelRenderChecks, type PanelRender } from '../bench/panel-render.js';
import { loadChecks, measureLoad, type LoadMeasurement } from '../bench/load-blip.js';
import { measureRoundTrips, roundTripChecks, type RoundTrips } from '../bench/round-trips.js';

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

const PARTS = ['home', 'security', 'browser', 'panel', 'load', 'trips'] as const;
type Part = (typeof PARTS)[number];

/** The parts to run: all, or those of --only. */
function selectedParts(): Set<Part> {
  const raw = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  if (!raw) return new Set(PARTS);
  const parts = raw.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`--only takes ${PARTS.join(', ')}; not ${unknown.join(', ')}`);
  return new Set(parts as Part[]);
}

/** Everything the bench saves. */
type AllResults = BenchResults & {
  security: SecurityScore;
  browser: BrowserMemory;
  panel: { bundle: PanelBundle; render: PanelRender };
  load: LoadMeasurement;
  trips: RoundTrips;
};

function readSaved(path: string): Partial<AllResults> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<AllResults>) : {};
}

async function measureHomes(server: ServerCommand, quick: boolean): Promise<Omit<BenchResults, 'checks' | 'generated_at' | 'duration_s' | 'machine' | 'load_average_1m_at_end'>> {
  // The add-on serves turns for days: the target is about a warmed-up server, so the warm-up is long
  // enough for V8 to have optimised the turn's code (25 turns left it half-done, ~1 ms slower).
  const turns = numberFlag('turns', quick ? 10 : 100);
  const warmup = quick ? 5 : 100;
  const searchIterations = quick ? 100 : 500;

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
  return {
    schema: 1,
    settings: { home_sizes: HOME_SIZES, home_seed: SEED, warmup_turns: warmup, measured_turns: turns, search_iterations: searchIterations, rss_home_sizes: RSS_SIZES, rss_idle_s: IDLE_MS / 1000 },
    token_estimator: TOKEN_ESTIMATOR_NOTE,
    prompt: { scenario: SCENARIO, rows: promptRows, prefix_identical_across_homes: prefixes.size === 1 },
    overhead,
    search,
    rss,
    server_command: { label: server.label, ...(server.note ? { note: server.note } : {}) },
  };
}

/** The checks of every part present, in the report's order. */
function allChecks(results: Partial<AllResults>): Check[] {
  const checks: Check[] = [];
  if (results.overhead && results.search && results.prompt && results.settings) checks.push(...buildChecks(results as Omit<BenchResults, 'checks'>));
  if (results.security) checks.push(...securityChecks(results.security));
  if (results.browser) checks.push(...browserMemoryChecks(results.browser));
  if (results.panel) checks.push(...panelBundleChecks(results.panel.bundle), ...panelRenderChecks(results.panel.render));
  if (results.load) checks.push(...loadChecks(results.load));
  if (results.trips) checks.push(...roundTripChecks(results.trips));
  return checks;
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const quick = flag('quick');
  const parts = selectedParts();
  // Read first: the load average before the bench adds its own.
  const machine = { ...readMachineFacts(), reference_workload_ms: measureReferenceWorkload() };
  const savedPath = join(root, 'bench-results', 'latest.json');
  // Parts not run this time keep their saved measurements.
  const results: Partial<AllResults> = parts.size === PARTS.length ? {} : readSaved(savedPath);

  // The server process of the RSS and browser rows, built (or found fresh) once.
  let server: ServerCommand | undefined;
  const serverCommand = (): ServerCommand => {
    if (!server) {
      log('preparing the server build for the server-process measurements');
      server = resolveServerCommand(root, !flag('no-build'));
      log(`server process: ${server.label}`);
    }
    return server;
  };

  if (parts.has('home')) Object.assign(results, await measureHomes(serverCommand(), quick));
  if (parts.has('security')) {
    log('security: the injection suite and a normal day (issue 4)');
    results.security = await measureSecurityScore();
  }
  if (parts.has('browser')) {
    log('browser: memory of the server and Chromium after 20 page loads (issue 6)');
    results.browser = await measureBrowserMemory(serverCommand());
  }
  if (parts.has('panel')) {
    log('panel: gzipped first load, and time to first render in headless chromium (issue 3)');
    const bundle = measurePanelBundle(join(root, 'dist', 'panel'));
    results.panel = { bundle, render: await measurePanelRender(quick ? 3 : 7) };
  }

  if (parts.has('load')) {
    log('load: 12 users × 15 turns at once on a 500-entity home, one HA drop half way (issue 22)');
    results.load = await measureLoad(serverCommand(), quick ? 5 : 15);
  }

  if (parts.has('trips')) {
    log("trips: model round trips per plain command over HA's intents sentences, 600 ms per model call (issue 16)");
    // Only the commands that did not end "Done:" are printed: they are what the WARN row counts.
    results.trips = await measureRoundTrips(quick, (line) => {
      if (!/ ms: Done:/.test(line)) log(`trips: not done: ${line}`);
    });
  }

  const finished: ReportInput & Partial<AllResults> = {
    ...results,
    generated_at: new Date().toISOString(),
    duration_s: Math.round((performance.now() - started) / 100) / 10,
    machine,
    load_average_1m_at_end: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    reference_workload_ms_at_end: measureReferenceWorkload(),
    checks: allChecks(results),
  };
  console.log(renderReport(finished));
  if (!flag('no-save')) {
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(savedPath, `${JSON.stringify(finished, null, 2)}\n`);
    log(`saved bench-results/latest.json (${finished.duration_s} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
