/**
 * What one "turn on the kitchen light" turn sends to the model, split into the cached stable
 * prefix and the per-turn part, beside what HA's Assist API would put in its prompt for the
 * same home.
 */
import type { FakeRequestBody } from '../test/fake-llm/index.js';
import type { SimHome } from '../test/ha-sim/index.js';
import { buildStaticContext, getExposedEntities } from './assist-static-context.js';
import { buildAssistTools } from './assist-tools.js';
import { addSizes, sizeOf, splitRequest, type Size } from './prompt-split.js';

/** Majordome's side of one home size. */
export interface MajordomeTurnSize {
  /** Model requests in the turn (find → call → answer = 3). */
  requests: number;
  /** Stable prefix of one request (tools + cached system block); sent with each request, cached. */
  prefix: Size;
  /** Whether every request of the turn carried a byte-identical prefix. */
  prefix_identical_in_turn: boolean;
  /** Dynamic system line + messages, summed over the turn's requests. */
  variable_per_turn: Size;
  /** The first request's variable part: what a turn costs before any tool result. */
  first_request_variable: Size;
  /** Every request body of the turn, whole. */
  total_per_turn: Size;
}

/** HA Assist's side of one home size. */
export interface AssistSize {
  exposed_entities: number;
  /** "Static Context" header + YAML, as current HA builds it (names, domain, areas). */
  static_context: Size;
  /** The same with state and attributes, as HA did before its GetLiveContext tool. */
  static_context_with_state: Size;
  /** Tool list (structural model, see bench/assist-tools.ts). */
  tools: Size;
  tool_count: number;
}

/** One row of the prompt-size table. */
export interface PromptRow {
  entities: number;
  majordome: MajordomeTurnSize;
  assist: AssistSize;
}

/** Majordome's sizes from the recorded request bodies of one turn. */
export function measureMajordomeTurn(bodies: readonly FakeRequestBody[]): { size: MajordomeTurnSize; prefixText: string } {
  const splits = bodies.map(splitRequest);
  const first = splits[0];
  if (!first) throw new Error('the sample turn sent no request to the model');
  return {
    size: {
      requests: splits.length,
      prefix: first.prefix,
      prefix_identical_in_turn: splits.every((s) => s.prefixText === first.prefixText),
      variable_per_turn: addSizes(...splits.map((s) => s.variable)),
      first_request_variable: first.variable,
      total_per_turn: addSizes(...splits.map((s) => s.total)),
    },
    prefixText: first.prefixText,
  };
}

/** HA Assist's prompt and tools for the same home. */
export function measureAssist(home: SimHome): AssistSize {
  const current = getExposedEntities(home, false);
  const withState = getExposedEntities(home, true);
  const tools = buildAssistTools(current);
  return {
    exposed_entities: current.entities.size + current.scripts.size + current.calendars.size,
    static_context: sizeOf(buildStaticContext(current)),
    static_context_with_state: sizeOf(buildStaticContext(withState)),
    tools: sizeOf(JSON.stringify(tools)),
    tool_count: tools.length,
  };
}
