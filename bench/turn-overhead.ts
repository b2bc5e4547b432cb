/**
 * Agent overhead per turn: the "turn on the kitchen light" scenario (ha_find_entities →
 * ha_call_service → answer) through the real HTTP server and SSE, against a fake model that
 * answers at once. Each turn's wall time is split into the model's HTTP round-trips and the rest.
 */
import type { FakeRequestBody } from '../test/fake-llm/index.js';
import { chat, TEST_USER_HEADERS } from '../test/support/stack.js';
import { startBenchServer, waitForEntities } from './bench-server.js';
import { startModelTimer } from './model-timer.js';
import type { Peers } from './peers.js';
import { summarize, type Distribution } from './stats.js';

/** The scenario's user message. */
export const SCENARIO = 'turn on the kitchen light';

/** Options of measureTurns. */
export interface TurnOptions {
  warmup: number;
  turns: number;
}

/** What measureTurns found. */
export interface TurnMeasurement {
  entities_indexed: number;
  /** Client-side wall time of a whole turn (POST /api/chat until the SSE stream ends). */
  total_ms: Distribution;
  /** Sum of the model HTTP round-trips of the turn, as the server's fetch saw them. */
  model_ms: Distribution;
  /** total − model: the agent, tools, HA round-trips, SQLite, HTTP/SSE and the bench client. */
  outside_model_ms: Distribution;
  /** The same over the warm-up turns: a freshly started server, before V8 has optimised the turn's code (absent in older saved results). */
  warmup_outside_model_ms?: Distribution;
  /** CPU time (user+system) of the bench process per turn: Majordome plus the bench client. */
  cpu_ms: Distribution;
  model_calls_per_turn: number;
  /** Turns that did not end with the light turned on (scenario broken). */
  failed_turns: number;
  target_entity: string | undefined;
  /** The model requests of one measured turn, for the prompt-size table. */
  sample_turn_requests: FakeRequestBody[];
}

interface TurnOutcome {
  ok: boolean;
  target: string | undefined;
}

function judgeTurn(events: Array<Record<string, unknown>>): TurnOutcome {
  const call = events.find((e) => e.type === 'tool_call' && e.name === 'ha_call_service');
  const target = (call?.input as { target?: { entity_id?: unknown } } | undefined)?.target?.entity_id;
  const done = events.at(-1);
  const ok = events.some((e) => e.type === 'tool_call' && e.name === 'ha_find_entities') && done?.type === 'done' && String(done.text).startsWith('Done:');
  return { ok, target: typeof target === 'string' ? target : undefined };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs warm-up then measured turns against a fresh in-process server on these peers. */
export async function measureTurns(peers: Peers, options: TurnOptions): Promise<TurnMeasurement> {
  const server = await startBenchServer(peers);
  const timer = startModelTimer(peers.llmUrl);
  const totals: number[] = [];
  const models: number[] = [];
  const outside: number[] = [];
  const cpu: number[] = [];
  const warmupOutside: number[] = [];
  let calls = 0;
  let failed = 0;
  let target: string | undefined;
  let sample: FakeRequestBody[] = [];
  try {
    const indexed = await waitForEntities(server.url, TEST_USER_HEADERS);
    for (let i = 0; i < options.warmup + options.turns; i++) {
      // Put the light back off so every turn really changes a state (HA sends no event otherwise).
      if (target) await peers.setState(target, 'off');
      await pause(15);
      const measured = i >= options.warmup;
      if (measured && i === options.warmup) await peers.takeRequests();
      timer.reset();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const events = await chat(server.url, { message: SCENARIO });
      const total = performance.now() - started;
      const used = process.cpuUsage(cpuBefore);
      const outcome = judgeTurn(events);
      target = outcome.target ?? target;
      if (!measured) {
        warmupOutside.push(total - timer.totalMs);
        continue;
      }
      if (i === options.warmup) sample = await peers.takeRequests();
      if (!outcome.ok) failed += 1;
      totals.push(total);
      models.push(timer.totalMs);
      outside.push(total - timer.totalMs);
      cpu.push((used.user + used.system) / 1000);
      calls += timer.count;
    }
    return {
      entities_indexed: indexed,
      total_ms: summarize(totals),
      model_ms: summarize(models),
      outside_model_ms: summarize(outside),
      warmup_outside_model_ms: summarize(warmupOutside),
      cpu_ms: summarize(cpu),
      model_calls_per_turn: options.turns > 0 ? calls / options.turns : 0,
      failed_turns: failed,
      target_entity: target,
      sample_turn_requests: sample,
    };
  } finally {
    timer.stop();
    await server.stop();
  }
}
