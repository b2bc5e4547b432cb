/** Turns bench results into checks against the targets of issue 2, and into printed tables. */
import type { Size } from './prompt-split.js';
import type { BenchResults, Check } from './results.js';
import { renderTable } from './table.js';

/** Targets of issue 2. */
export const TARGETS = {
  overheadP50Ms: 10,
  idleRssMib: 120,
  /**
   * Growth of the per-turn part per entity added to the home that still counts as flat: a prompt
   * that lists entities grows by at least an entity's name (~20 B) per entity.
   */
  flatBytesPerEntity: 1,
} as const;

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const size = (s: Size) => `${fmt(s.bytes, 0)} B / ~${fmt(s.tokens, 0)} tok`;
const ms = (n: number) => `${fmt(n, 2)} ms`;
const mib = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : `${fmt(n)} MiB`);
const verdict = (pass: boolean): Check['verdict'] => (pass ? 'PASS' : 'WARN');

/** The checks, computed from everything but `checks` itself. */
export function buildChecks(results: Omit<BenchResults, 'checks'>): Check[] {
  const checks: Check[] = [];
  const rows = results.prompt.rows;
  checks.push({
    name: 'prompt: stable prefix identical across home sizes',
    target: 'identical',
    value: results.prompt.prefix_identical_across_homes ? 'identical' : 'differs',
    verdict: verdict(results.prompt.prefix_identical_across_homes && rows.every((r) => r.majordome.prefix_identical_in_turn)),
  });
  const smallest = rows[0];
  const largest = rows.at(-1);
  if (smallest && largest && largest.entities > smallest.entities) {
    const span = largest.entities - smallest.entities;
    // Conservative: the whole spread of the per-turn part, whichever home had the largest.
    const variable = rows.map((r) => r.majordome.variable_per_turn.bytes);
    const ours = (Math.max(...variable) - Math.min(...variable)) / span;
    const theirs = (largest.assist.static_context.bytes - smallest.assist.static_context.bytes) / span;
    checks.push({
      name: 'prompt: per-turn part flat (growth per added entity)',
      target: `< ${TARGETS.flatBytesPerEntity} B/entity`,
      value: `${fmt(ours, 2)} B/entity (HA: ${fmt(theirs, 1)})`,
      verdict: verdict(ours < TARGETS.flatBytesPerEntity),
    });
  }
  if (largest) {
    const ours = largest.majordome.prefix.tokens + largest.majordome.first_request_variable.tokens;
    const theirs = largest.assist.static_context.tokens + largest.assist.tools.tokens;
    checks.push({
      name: `prompt: first request vs HA Assist prompt+tools @${fmt(largest.entities, 0)}`,
      target: 'info',
      value: `~${fmt(ours, 0)} vs ~${fmt(theirs, 0)} tok`,
      verdict: 'INFO',
    });
  }
  for (const row of results.overhead) {
    checks.push({
      name: `turn overhead outside the model, p50 @${fmt(row.entities, 0)}`,
      target: `< ${TARGETS.overheadP50Ms} ms`,
      value: ms(row.outside_model_ms.p50),
      verdict: row.entities === Math.max(...results.settings.home_sizes) ? verdict(row.outside_model_ms.p50 < TARGETS.overheadP50Ms) : 'INFO',
    });
  }
  const failed = results.overhead.reduce((sum, row) => sum + row.failed_turns, 0);
  checks.push({ name: 'scenario turns that turned the light on', target: 'all', value: failed === 0 ? 'all' : `${failed} failed`, verdict: verdict(failed === 0) });
  checks.push({ name: `ha_find_entities p50 @${fmt(results.search.entities, 0)}`, target: 'info', value: ms(results.search.latency_ms.p50), verdict: 'INFO' });
  for (const row of results.rss) {
    checks.push({
      name: `idle RSS, settled, @${fmt(row.entities, 0)}`,
      target: `< ${TARGETS.idleRssMib} MiB`,
      value: row.rss_mib === null ? 'unreadable' : `${fmt(row.rss_mib)} MiB`,
      verdict: verdict(row.rss_mib !== null && row.rss_mib < TARGETS.idleRssMib),
    });
  }
  return checks;
}

function promptTable(results: BenchResults): string {
  const rows = results.prompt.rows.map((r) => [
    fmt(r.entities, 0),
    size(r.majordome.prefix),
    size(r.majordome.variable_per_turn),
    size(r.majordome.total_per_turn),
    fmt(r.assist.exposed_entities, 0),
    size(r.assist.static_context),
    size(r.assist.static_context_with_state),
    `${size(r.assist.tools)} (${r.assist.tool_count})`,
  ]);
  return renderTable(
    ['entities', 'Majordome prefix/request (cached)', 'Majordome per-turn part', 'all 3 request bodies', 'HA exposed', 'HA Static Context', 'HA with states (older HA)', 'HA tools (count)'],
    rows,
  );
}

function overheadTable(results: BenchResults): string {
  const rows = results.overhead.map((r) => [
    fmt(r.entities, 0),
    `${ms(r.total_ms.p50)} / ${ms(r.total_ms.p95)}`,
    ms(r.model_ms.p50),
    `${ms(r.outside_model_ms.p50)} / ${ms(r.outside_model_ms.p95)}`,
    // Saved results from before the warm-up column have none.
    r.warmup_outside_model_ms ? ms(r.warmup_outside_model_ms.p50) : '–',
    ms(r.cpu_ms.p50),
    fmt(r.model_calls_per_turn, 2),
    String(r.total_ms.n),
  ]);
  return renderTable(['entities', 'turn p50 / p95', 'model round-trips p50', 'outside model p50 / p95', 'warm-up outside p50', 'CPU/turn p50', 'model calls', 'turns'], rows);
}

/** What renderReport needs: the run's facts and checks, and the home measurements when they ran. */
export type ReportInput = Pick<BenchResults, 'generated_at' | 'machine' | 'load_average_1m_at_end' | 'reference_workload_ms_at_end' | 'checks'> & Partial<BenchResults>;

function hasHomes(results: ReportInput): results is BenchResults {
  return results.prompt !== undefined && results.overhead !== undefined && results.search !== undefined && results.rss !== undefined && results.settings !== undefined;
}

function homeSections(results: BenchResults): string[] {
  const search = results.search;
  return [
    `1. Sent to the model for "${results.prompt.scenario}" (generated homes, seed ${results.settings.home_seed})`,
    promptTable(results),
    `   prefix = tools + cached system block, sent with each of the turn's requests and cached by the provider;`,
    `   per-turn part = date/user line + messages, summed over the turn's requests. HA columns: its "Static Context"`,
    `   section alone (current HA: names/domain/areas; older HA also states and attributes) and its tool list (a`,
    `   structural model of HA's Assist tools; HA resends both with every request).`,
    `   ${results.token_estimator}`,
    '',
    `2. Agent overhead per turn, zero-latency fake model (${results.settings.warmup_turns} warm-up + ${results.settings.measured_turns} turns per home)`,
    overheadTable(results),
    `   turn = POST /api/chat until the SSE stream ends, measured by the bench client in the server's process;`,
    `   model round-trips = the server's fetch to the fake model (undici diagnostics); outside model = turn − round-trips`,
    `   (agent, tools, HA simulator round-trips, SQLite, HTTP/SSE, the bench client). The simulator and fake model run`,
    `   in a child process. CPU/turn = user+system time of the server's process. The target applies to the measured`,
    `   turns of a warmed-up server (the add-on runs for days); warm-up outside p50 = the first turns of a fresh server,`,
    `   while V8 still compiles the turn's code.`,
    '',
    `3. ha_find_entities alone over ${fmt(search.entities_indexed, 0)} accessible entities (home of ${fmt(search.entities, 0)}): ` +
      `p50 ${ms(search.latency_ms.p50)}, p95 ${ms(search.latency_ms.p95)} (${search.latency_ms.n} searches, ${search.queries} queries, ${search.errors} errors)`,
    '',
    `4. Idle RSS of the server process (${results.server_command.label})`,
    renderTable(
      ['entities', 'indexed', `RSS ${results.settings.rss_idle_s} s after load`, 'RSS settled (after)', 'peak RSS (VmHWM)'],
      results.rss.map((r) => [
        fmt(r.entities, 0),
        fmt(r.entities_indexed, 0),
        mib(r.rss_after_load_mib),
        `${mib(r.rss_mib)} (${r.settled_after_s ?? '?'} s)`,
        mib(r.peak_rss_mib),
      ]),
    ),
    `   settled = RSS once V8 has given back the heap of the first load (its memory reducer runs on an idle process`,
    `   after some seconds); the target applies to it, what the add-on costs for the rest of the day.`,
    `   The server runs with the image's allocator settings (Dockerfile): ${envLine(results.rss[0]?.env)}.`,
    ...(results.server_command.note ? [`   ${results.server_command.note}`] : []),
    '',
  ];
}

/** The printed report: the home tables when they ran, then every check against its target. */
export function renderReport(results: ReportInput): string {
  const m = results.machine;
  const busy = m.load_average_1m > m.cores || results.load_average_1m_at_end > m.cores;
  const lines = [
    `Majordome bench — ${results.generated_at} — node ${m.node}, ${m.cpu_model}, ${m.cores} cores, load ${m.load_average_1m} → ${results.load_average_1m_at_end}`,
    ...(m.reference_workload_ms !== undefined
      ? [`reference workload ${ms(m.reference_workload_ms)} → ${ms(results.reference_workload_ms_at_end ?? Number.NaN)} (the same CPU work every run: a higher value means a slower machine today; compare runs by it)`]
      : []),
    ...(busy ? ['NOTE: the machine was busy (load above the core count): timings are pessimistic.'] : []),
    '',
    ...(hasHomes(results) ? homeSections(results) : []),
    'Targets',
    renderTable(
      ['check', 'target', 'value', 'verdict'],
      results.checks.map((c) => [c.name, c.target, c.value, c.verdict]),
    ),
  ];
  return lines.join('\n');
}

function envLine(env: Record<string, string> | undefined): string {
  const pairs = Object.entries(env ?? {}).map(([key, value]) => `${key}=${value}`);
  return pairs.length ? pairs.join(' ') : 'none';
}
