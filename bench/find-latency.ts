/**
 * `ha_find_entities` alone: the tool's execute() over a loaded entity index, no HTTP, no model.
 * The index is built by the real HaConnection and EntityIndex from the peers' simulator.
 */
import { EntityIndex } from '../src/ha/entity-index.js';
import { EventBus } from '../src/events/bus.js';
import { HaConnection, type HaEvents } from '../src/ha/ha-connection.js';
import { createLogger } from '../src/logger.js';
import { createFindEntitiesTool } from '../src/tools/home/find-entities.js';
import type { ToolContext } from '../src/tools/tool.js';
import type { Peers } from './peers.js';
import { summarize, type Distribution } from './stats.js';

/** Searches a model typically makes: names, rooms, kinds, typos, filters, a whole sentence. */
export const SEARCH_QUERIES: ReadonlyArray<{ query?: string; domain?: string; area?: string; limit?: number }> = [
  { query: 'kitchen light' },
  { query: 'kitchen', domain: 'light', limit: 5 },
  { query: 'living room temperature' },
  { query: 'bedroom blinds' },
  { query: 'thermostat', area: 'Office' },
  { query: 'kitchn ligth' },
  { query: 'lights upstairs' },
  { query: 'turn off the tv in the home theater' },
  { query: 'garage door' },
  { domain: 'climate' },
];

const CONTEXT: ToolContext = {
  user: { id: 'bench', via: 'system' },
  conversationId: 'bench',
  signal: new AbortController().signal,
  language: 'en',
};

/** What measureFindLatency found. */
export interface FindMeasurement {
  entities_indexed: number;
  queries: number;
  latency_ms: Distribution;
  /** Searches answered with an error result (an unknown area, HA gone): should be 0. */
  errors: number;
}

/** Times `iterations` searches (cycling through SEARCH_QUERIES) after a warm-up. */
export async function measureFindLatency(peers: Peers, iterations: number): Promise<FindMeasurement> {
  const logger = createLogger('silent');
  const ha = new HaConnection({ url: peers.simUrl, token: peers.haToken, events: new EventBus<HaEvents>(logger), logger });
  const index = new EntityIndex({ ha, entityAccess: 'exposed', logger });
  index.start();
  try {
    await ha.start();
    await index.loaded();
    const tool = createFindEntitiesTool({ ha, index });
    const run = (i: number) => tool.execute(tool.input.parse(SEARCH_QUERIES[i % SEARCH_QUERIES.length]), CONTEXT);
    for (let i = 0; i < SEARCH_QUERIES.length * 5; i++) await run(i);
    const samples: number[] = [];
    let errors = 0;
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const result = await run(i);
      samples.push(performance.now() - started);
      if (!result.ok) errors += 1;
    }
    return { entities_indexed: index.size, queries: SEARCH_QUERIES.length, latency_ms: summarize(samples), errors };
  } finally {
    index.stop();
    await ha.stop();
  }
}
