/**
 * Model round trips per plain command (issue 16): HA's intents test sentences (turn on/off, set
 * the lights, open/close covers, fans, valves) through the real server, against a model stand-in
 * that uses what it is given (test/fake-llm/fast-home.ts: it calls the service at once when the
 * target is among the request's likely entities, else searches first; it passes `reply`) and
 * takes 600 ms per call, so times read like a real model's. Beside it, HA's LLM agent's shape for
 * the same home: two round trips, each carrying its prompt with the exposed entities and tools.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { respondAsFastHomeAgent } from '../test/fake-llm/fast-home.js';
import { parseHomeIntent } from '../test/fake-llm/home-intent.js';
import type { FakeRequestBody, RecordedRequest } from '../test/fake-llm/types.js';
import { generateHome, loadIntentsHome, type SimHome } from '../test/ha-sim/index.js';
import { readSharedYaml, sharedPath } from '../test/ha-sim/loaders/data-path.js';
import { chat, startStack } from '../test/support/stack.js';
import { measureAssist } from './prompt-size.js';
import type { Check } from './results.js';
import { sizeOf } from './prompt-split.js';

/** How long the stand-in takes per call, like a real model's round trip. */
export const MODEL_CALL_MS = 600;

/** One home's figures. */
export interface RoundTripRow {
  home: string;
  entities: number;
  commands: number;
  /** Commands whose answer was not "Done: …" (the stand-in could not do them). */
  failed: number;
  mean_round_trips: number;
  /** Estimated input tokens of every request of a command (cached prefix included), mean. */
  input_tokens_per_command: number;
  /** The same without the cached prefix (tools + stable system): what is paid in full. */
  uncached_tokens_per_command: number;
  /** POST /api/chat until the stream ends, mean, with the stand-in's 600 ms per call. */
  answer_ms: number;
  /** HA's LLM agent for the same home: two round trips, each with its whole prompt. */
  ha_agent: { round_trips: number; input_tokens_per_command: number; answer_ms: number };
}

/** The figures of the round-trips part. */
export interface RoundTrips {
  model_call_ms: number;
  rows: RoundTripRow[];
}

const FILES = /^(light|fan|cover|valve)_Hass(TurnOn|TurnOff|LightSet)\.yaml$/;
/** Commands that wait for a person's yes (garage doors, gates, water valves): their time is the person's, not the model's. */
const ASKS_FIRST = /\b(garage|gate|valve)\b/i;

interface IntentTests {
  tests?: Array<{ sentences?: string[] }>;
}

/** The first sentence of each test of HA's intents fixtures for plain on/off/set commands. */
export function intentCommands(): string[] {
  const dir = sharedPath('intents', 'tests', 'en');
  const commands: string[] = [];
  for (const file of readdirSync(dir).filter((f) => FILES.test(f)).sort()) {
    const tests = (readSharedYaml('intents', 'tests', 'en', file) as IntentTests).tests ?? [];
    for (const test of tests) {
      const sentence = test.sentences?.find((s) => !s.includes('{') && !ASKS_FIRST.test(s) && parseHomeIntent(s)?.action !== undefined);
      if (sentence) commands.push(sentence);
    }
  }
  return commands;
}

/** "turn on the <name>" for the first lights and switches of a generated home. */
function generatedCommands(home: SimHome, count: number): string[] {
  return home.states
    .filter((s) => /^(light|switch)\./.test(s.entity_id) && typeof s.attributes['friendly_name'] === 'string')
    .slice(0, count)
    .map((s, i) => `turn ${i % 2 === 0 ? 'on' : 'off'} the ${String(s.attributes['friendly_name']).toLowerCase()}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

function tokensOf(bodies: readonly FakeRequestBody[]): { total: number; uncached: number } {
  let total = 0;
  let uncached = 0;
  for (const body of bodies) {
    const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
    const breakpoint = system.findLastIndex((block) => block.cache_control !== undefined);
    total += sizeOf(JSON.stringify({ tools: body.tools ?? [], system, messages: body.messages })).tokens;
    uncached += sizeOf(JSON.stringify({ system: system.slice(breakpoint + 1), messages: body.messages })).tokens;
  }
  return { total, uncached };
}

/** Runs `commands` through a fresh server on `home`; one row. */
async function measureHome(name: string, home: SimHome, commands: readonly string[], log?: (line: string) => void): Promise<RoundTripRow> {
  const stack = await startStack({
    home,
    // A call that asks anyway is not approved by anyone here: it fails soon instead of waiting.
    overrides: { approvalTimeoutMs: 2000 },
    fakeAnthropic: {
      fallback: async (req: RecordedRequest) => {
        await pause(MODEL_CALL_MS);
        return respondAsFastHomeAgent(req.body);
      },
    },
  });
  const trips: number[] = [];
  const tokens: number[] = [];
  const uncached: number[] = [];
  const times: number[] = [];
  let failed = 0;
  try {
    for (const message of commands) {
      const before = stack.llm.requests.length;
      const started = performance.now();
      const events = await chat(stack.url, { message });
      times.push(performance.now() - started);
      const bodies = stack.llm.requests.slice(before).map((r) => r.body);
      trips.push(bodies.length);
      const size = tokensOf(bodies);
      tokens.push(size.total);
      uncached.push(size.uncached);
      if (!String(events.at(-1)?.text ?? '').startsWith('Done:')) failed += 1;
      log?.(`${name}: "${message}" → ${bodies.length} call(s), ${Math.round(times.at(-1) ?? 0)} ms: ${String(events.at(-1)?.text ?? '').slice(0, 80)}`);
    }
  } finally {
    await stack.stop();
  }
  const assist = measureAssist(home);
  const haPrompt = assist.static_context.tokens + assist.tools.tokens;
  return {
    home: name,
    entities: home.states.length,
    commands: commands.length,
    failed,
    mean_round_trips: mean(trips),
    input_tokens_per_command: Math.round(mean(tokens)),
    uncached_tokens_per_command: Math.round(mean(uncached)),
    answer_ms: Math.round(mean(times)),
    // Its second request carries the first one again plus the tool call and result.
    ha_agent: { round_trips: 2, input_tokens_per_command: 2 * haPrompt, answer_ms: 2 * MODEL_CALL_MS },
  };
}

/** The round-trips part: HA's intents sentences on its fixture home, then plain commands on a 5,000-entity home. */
export async function measureRoundTrips(quick: boolean, log?: (line: string) => void): Promise<RoundTrips> {
  const intents = intentCommands();
  const rows = [await measureHome('intents fixtures', loadIntentsHome(), quick ? intents.slice(0, 8) : intents, log)];
  const big = generateHome(5000, 1);
  rows.push(await measureHome('generated', big, generatedCommands(big, quick ? 5 : 20), log));
  return { model_call_ms: MODEL_CALL_MS, rows };
}

/** Where the sentences come from, for the report. */
export const ROUND_TRIPS_SOURCE = join('intents', 'tests', 'en', '{light,fan,cover,valve}_Hass{TurnOn,TurnOff,LightSet}.yaml');

/** Targets of issue 16. */
export const ROUND_TRIP_TARGETS = { meanRoundTrips: 1.1, tokensAt5000: 3000, answerMs: 700, haAgentMs: 1200 } as const;

/** The checks of the round-trips part, against issue 16's targets. */
export function roundTripChecks(trips: RoundTrips): Check[] {
  const checks: Check[] = [];
  const all = trips.rows.flatMap((row) => Array.from({ length: row.commands }, () => row));
  const meanTrips = mean(all.map((row) => row.mean_round_trips));
  const meanMs = mean(all.map((row) => row.answer_ms));
  checks.push({
    name: `round trips: model calls per plain command (${all.length} commands)`,
    target: `≤ ${ROUND_TRIP_TARGETS.meanRoundTrips}`,
    value: `${meanTrips.toFixed(2)} (HA's LLM agent: 2)`,
    verdict: meanTrips <= ROUND_TRIP_TARGETS.meanRoundTrips ? 'PASS' : 'WARN',
  });
  const big = trips.rows.find((row) => row.entities >= 5000);
  if (big) {
    checks.push({
      name: `round trips: input tokens per plain command @${big.entities.toLocaleString('en-US')}`,
      target: `≤ ${ROUND_TRIP_TARGETS.tokensAt5000.toLocaleString('en-US')}`,
      value: `~${big.input_tokens_per_command.toLocaleString('en-US')} (~${big.uncached_tokens_per_command} uncached; HA's agent ~${big.ha_agent.input_tokens_per_command.toLocaleString('en-US')})`,
      verdict: big.input_tokens_per_command <= ROUND_TRIP_TARGETS.tokensAt5000 ? 'PASS' : 'WARN',
    });
  }
  checks.push({
    name: `round trips: answer time with a ${trips.model_call_ms} ms model`,
    target: `≤ ${ROUND_TRIP_TARGETS.answerMs} ms (HA's agent ≥ ${ROUND_TRIP_TARGETS.haAgentMs} ms)`,
    value: `${Math.round(meanMs)} ms (HA's agent shape: ${2 * trips.model_call_ms} ms)`,
    verdict: meanMs <= ROUND_TRIP_TARGETS.answerMs ? 'PASS' : 'WARN',
  });
  const failed = trips.rows.reduce((sum, row) => sum + row.failed, 0);
  checks.push({ name: 'round trips: commands not done', target: '0', value: String(failed), verdict: failed === 0 ? 'PASS' : 'WARN' });
  return checks;
}
