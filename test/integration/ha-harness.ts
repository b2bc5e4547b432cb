/**
 * Shared setup of the HA integration tests: a simulator, a real HaConnection and EntityIndex on
 * top of it, and the home tools, all torn down by stop().
 */
import { EntityIndex, type EntityAccess } from '../../src/ha/entity-index.js';
import { EventBus } from '../../src/events/bus.js';
import { HaConnection, type HaConnectionOptions, type HaEvents, type HaStatus } from '../../src/ha/ha-connection.js';
import { HaStateWords } from '../../src/ha/state-words-source.js';
import { createLogger } from '../../src/logger.js';
import { createHomeTools } from '../../src/tools/home.js';
import type { AnyTool, ToolContext, ToolResult } from '../../src/tools/tool.js';
import { startHaSim, type HaSim, type SimHome } from '../ha-sim/index.js';

/** A running simulator with the HA layer connected to it. */
export interface HomeStack {
  sim: HaSim;
  ha: HaConnection;
  /** The bus the connection announces its status on. */
  events: EventBus<HaEvents>;
  index: EntityIndex;
  tools: AnyTool[];
  /** Validates the input like the agent does, then runs the tool (`context` adds to the test user's). */
  run(name: string, input: unknown, context?: Partial<ToolContext>): Promise<ToolResult>;
  stop(): Promise<void>;
}

const context: ToolContext = {
  user: { id: 'test-user', via: 'system' },
  conversationId: 'test-conversation',
  signal: new AbortController().signal,
  language: 'en',
};

/** Starts the simulator with `home` and connects the HA layer; resolves once the index is loaded. */
export async function startHomeStack(
  home: SimHome,
  entityAccess: EntityAccess = 'exposed',
  haOptions: Pick<HaConnectionOptions, 'reconnectWaitMs'> = {},
): Promise<HomeStack> {
  const sim = await startHaSim({ home });
  const logger = createLogger('silent');
  const events = new EventBus<HaEvents>(logger);
  const ha = new HaConnection({ url: sim.url, token: sim.adminToken, events, logger, maxRetryDelayMs: 200, ...haOptions });
  const index = new EntityIndex({ ha, entityAccess, logger, registryDebounceMs: 20 });
  // HA's words for states, as main.ts wires them: French speakers' lines read them.
  const stateWords = new HaStateWords({ ha, logger });
  index.start();
  stateWords.start();
  await ha.start();
  await index.loaded();
  const tools = createHomeTools({ ha, index, stateWords });
  return {
    sim,
    ha,
    events,
    index,
    tools,
    async run(name, input, extra = {}) {
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.execute(tool.input.parse(input), { ...context, ...extra });
    },
    async stop() {
      stateWords.stop();
      index.stop();
      await ha.stop();
      await sim.stop();
    },
  };
}

/** Resolves with the first status (current or future) that satisfies `wanted`. */
export function statusWhere({ ha, events }: { ha: HaConnection; events: EventBus<HaEvents> }, wanted: (s: HaStatus) => boolean): Promise<HaStatus> {
  return new Promise((resolve) => {
    if (wanted(ha.status())) return resolve(ha.status());
    const off = events.on('ha.status', (s) => {
      if (wanted(s)) {
        off();
        resolve(s);
      }
    });
  });
}
