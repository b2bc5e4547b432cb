import { describe, expect, it } from 'vitest';
import { waitForSettledRss } from '../../../bench/idle-rss.js';
import { buildChecks, renderReport } from '../../../bench/report.js';
import type { BenchResults } from '../../../bench/results.js';
import { summarize } from '../../../bench/stats.js';
import { renderTable } from '../../../bench/table.js';

const size = (bytes: number) => ({ bytes, tokens: Math.round(bytes / 3), chars_over_4: Math.ceil(bytes / 4) });
const dist = (p50: number) => ({ n: 50, p50, p95: p50 * 2, mean: p50, min: p50 / 2, max: p50 * 3 });

function results(overrides: { variable5000?: number; outside5000?: number; rss5000?: number | null } = {}): Omit<BenchResults, 'checks'> {
  const row = (entities: number, variable: number, staticContext: number) => ({
    entities,
    majordome: { requests: 3, prefix: size(3700), prefix_identical_in_turn: true, variable_per_turn: size(variable), first_request_variable: size(300), total_per_turn: size(14000) },
    assist: { exposed_entities: entities / 2, static_context: size(staticContext), static_context_with_state: size(staticContext * 2), tools: size(8000), tool_count: 23 },
  });
  const overhead = (entities: number, outside: number) => ({
    entities,
    entities_indexed: entities / 2,
    total_ms: dist(outside + 5),
    model_ms: dist(5),
    outside_model_ms: dist(outside),
    warmup_outside_model_ms: dist(outside * 2),
    cpu_ms: dist(outside),
    model_calls_per_turn: 3,
    failed_turns: 0,
    target_entity: 'light.kitchen_lamp',
  });
  return {
    schema: 1,
    generated_at: '2026-01-01T00:00:00.000Z',
    duration_s: 60,
    machine: { node: 'v20', platform: 'linux', arch: 'x64', kernel: '6', cpu_model: 'CPU', cores: 2, total_memory_mib: 4096, load_average_1m: 0.5 },
    load_average_1m_at_end: 0.5,
    settings: { home_sizes: [50, 5000], home_seed: 1, warmup_turns: 10, measured_turns: 50, search_iterations: 500, rss_home_sizes: [5000], rss_idle_s: 3 },
    token_estimator: 'estimator',
    prompt: { scenario: 'turn on the kitchen light', rows: [row(50, 2500, 1800), row(5000, overrides.variable5000 ?? 3400, 229000)], prefix_identical_across_homes: true },
    overhead: [overhead(50, 8), overhead(5000, overrides.outside5000 ?? 6)],
    search: { entities: 5000, entities_indexed: 3000, queries: 10, latency_ms: dist(2), errors: 0 },
    rss: [{ entities: 5000, rss_mib: overrides.rss5000 === undefined ? 90 : overrides.rss5000, rss_after_load_mib: 140, settled_after_s: 25, peak_rss_mib: 150, entities_indexed: 3000, idle_s: 3, command: 'node dist/src/main.js', env: { MALLOC_ARENA_MAX: '2' } }],
    server_command: { label: 'node dist/src/main.js' },
  };
}

const verdictOf = (checks: ReturnType<typeof buildChecks>, name: string) => checks.find((c) => c.name.startsWith(name))?.verdict;

describe('bench checks against the targets of issue 2', () => {
  it('passes a flat prompt, a fast turn and a small server', () => {
    const checks = buildChecks(results());
    expect(verdictOf(checks, 'prompt: stable prefix')).toBe('PASS');
    expect(verdictOf(checks, 'prompt: per-turn part flat')).toBe('PASS');
    expect(verdictOf(checks, 'turn overhead outside the model, p50 @5,000')).toBe('PASS');
    expect(verdictOf(checks, 'turn overhead outside the model, p50 @50')).toBe('INFO');
    expect(verdictOf(checks, 'idle RSS, settled, @5,000')).toBe('PASS');
  });

  it('warns when the per-turn part grows with the home', () => {
    expect(verdictOf(buildChecks(results({ variable5000: 2500 + 4950 * 20 })), 'prompt: per-turn part flat')).toBe('WARN');
  });

  it('warns on a slow turn, a big or unreadable RSS', () => {
    expect(verdictOf(buildChecks(results({ outside5000: 12 })), 'turn overhead outside the model, p50 @5,000')).toBe('WARN');
    expect(verdictOf(buildChecks(results({ rss5000: 130 })), 'idle RSS, settled, @5,000')).toBe('WARN');
    expect(verdictOf(buildChecks(results({ rss5000: null })), 'idle RSS, settled, @5,000')).toBe('WARN');
  });

  it('prints every section and the verdicts', () => {
    const partial = results();
    const text = renderReport({ ...partial, checks: buildChecks(partial) });
    for (const heading of ['1. Sent to the model', '2. Agent overhead', '3. ha_find_entities', '4. Idle RSS', 'Targets']) expect(text).toContain(heading);
    expect(text).toContain('229,000 B');
    expect(text).toContain("the image's allocator settings (Dockerfile): MALLOC_ARENA_MAX=2.");
    expect(text).not.toContain('busy');
    expect(text).not.toContain('reference workload');
  });

  it('shows the reference workload at both ends of the run, so runs on a drifting machine compare', () => {
    const partial = results();
    const text = renderReport({ ...partial, machine: { ...partial.machine, reference_workload_ms: 11.5 }, reference_workload_ms_at_end: 16.25, checks: buildChecks(partial) });
    expect(text).toContain('reference workload 11.5 ms → 16.25 ms');
  });

  it('prints only the targets when the homes were not measured (bench --only=panel)', () => {
    const { machine, generated_at, load_average_1m_at_end } = results();
    const check = { name: 'panel: first load', target: '< 120 KB', value: '88.7 KB', verdict: 'PASS' as const };
    const text = renderReport({ machine, generated_at, load_average_1m_at_end, checks: [check] });
    expect(text).not.toContain('1. Sent to the model');
    expect(text).toContain('panel: first load');
  });
});

describe('bench helpers', () => {
  it('summarizes with nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(samples)).toMatchObject({ n: 100, p50: 50, p95: 95, min: 1, max: 100, mean: 50.5 });
    expect(summarize([7])).toMatchObject({ p50: 7, p95: 7 });
  });

  it('renders aligned tables with numbers to the right', () => {
    expect(renderTable(['name', 'size'], [['a', '1 B'], ['long', '100 B']])).toBe(
      ['| name |  size |', '|------|-------|', '| a    |   1 B |', '| long | 100 B |'].join('\n'),
    );
  });
});

describe('settled idle RSS', () => {
  it('waits until RSS has come down and holds still, then reports that reading', async () => {
    const readings = [160, 160, 150, 113, 113, 113, 113];
    const settled = await waitForSettledRss(() => readings.shift() ?? 113, 160, { everyMs: 1, maxMs: 100, stableReadings: 2 });
    expect(settled.rss).toBe(113);
    // Stopped at the third equal reading, not at the end of the wait.
    expect(readings.length).toBe(1);
  });

  it('gives up after the longest wait with the last reading when RSS never comes down', async () => {
    const settled = await waitForSettledRss(() => 160, 160, { everyMs: 1, maxMs: 10, stableReadings: 2 });
    expect(settled).toEqual({ rss: 160, afterMs: 10 });
  });
});
