/**
 * Ranking over the home-assistant-datasets "assist" tasks (allenporter/home-assistant-datasets,
 * declared Apache-2.0): for every utterance whose task expects an entity to change, that entity
 * must be in the top 5 of search({query: utterance}). No domain hint is given here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadDatasetHome } from '../../ha-sim/index.js';
import { sharedDataDir } from '../../ha-sim/loaders/data-path.js';
import { startHomeStack } from '../../integration/ha-harness.js';

interface AssistTest {
  sentences: string[];
  setup?: Record<string, unknown>;
  expect_changes?: Record<string, unknown>;
}

describe('ranking over the home-assistant-datasets assist tasks', () => {
  it('finds the entity each task changes in the top 5 for at least 95% of utterances', async () => {
    const base = join(sharedDataDir(), 'home-assistant-datasets', 'datasets', 'assist');
    const homes = readdirSync(base).filter((d) => statSync(join(base, d)).isDirectory()).sort();
    let total = 0;
    let hits = 0;
    const misses: string[] = [];
    for (const homeName of homes) {
      const stack = await startHomeStack(loadDatasetHome(homeName), 'all');
      try {
        for (const file of readdirSync(join(base, homeName)).filter((f) => !f.startsWith('_')).sort()) {
          const tests = (parse(readFileSync(join(base, homeName, file), 'utf8')) as { tests?: AssistTest[] }).tests ?? [];
          for (const test of tests) {
            const changed = Object.entries(test.expect_changes ?? {})
              .filter(([id, after]) => JSON.stringify(after) !== JSON.stringify(test.setup?.[id] ?? {}))
              .map(([id]) => id);
            if (changed.length === 0) continue;
            for (const sentence of test.sentences) {
              total++;
              const top = stack.index.search({ query: sentence, limit: 5 }).map((e) => e.entity_id);
              if (top.some((id) => changed.includes(id))) hits++;
              else misses.push(`${homeName}: "${sentence}" wants ${changed.join(', ')}, got ${top.join(', ') || 'nothing'}`);
            }
          }
        }
      } finally {
        await stack.stop();
      }
    }
    const rate = hits / total;
    console.log(`datasets ranking: top-5 hit rate ${(rate * 100).toFixed(1)}% (${hits}/${total} utterances over ${homes.length} homes)`);
    if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
    expect(total).toBeGreaterThan(50);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
