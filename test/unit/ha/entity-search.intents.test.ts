/**
 * Ranking quality over Home Assistant's own intent test sentences (home-assistant/intents,
 * CC BY 4.0): for each sentence whose expected slots name an entity or an area, the whole
 * sentence goes to search() (with the intent's domain as filter when it has one) and the named
 * entity, or an entity of the named area, must be in the top 5.
 *
 * Counted: sentences whose text names the entity or area. Sentences that only get their area
 * from the satellite's location ("pause", "set the brightness to 50%") cannot be resolved from
 * their words; they are measured and logged separately. Slots naming no entity (timers, "all")
 * and areas holding no entity of the domain are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/ha/text-normalize.js';
import { loadIntentsHome, type SimHome } from '../../ha-sim/index.js';
import { sharedDataDir } from '../../ha-sim/loaders/data-path.js';
import { startHomeStack, type HomeStack } from '../../integration/ha-harness.js';

interface IntentTest {
  sentences: string[];
  intent?: { name: string; slots?: Record<string, unknown> };
}

interface Case {
  file: string;
  sentence: string;
  domain: string | undefined;
  expected: Set<string>;
  namedInText: boolean;
}

const same = (a: string, b: string): boolean => tokenize(a).join(' ') === tokenize(b).join(' ');

function buildCases(home: SimHome): { cases: Case[]; skipped: number } {
  const dir = join(sharedDataDir(), 'intents', 'tests', 'en');
  const names = new Map(home.states.map((s) => [s.entity_id, String(s.attributes['friendly_name'] ?? '')]));
  const areaOf = new Map(home.entities.map((e) => [e.entity_id, e.area_id]));
  const cases: Case[] = [];
  let skipped = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort()) {
    const tests = (parse(readFileSync(join(dir, file), 'utf8')) as { tests?: IntentTest[] }).tests ?? [];
    for (const test of tests) {
      const slots = test.intent?.slots ?? {};
      const name = Array.isArray(slots['name']) ? String(slots['name'][0]) : (slots['name'] as string | undefined);
      const domain = slots['domain'] as string | undefined;
      const deviceClass = slots['device_class'] as string | undefined;
      const ofDomain = (id: string): boolean => !domain || id.startsWith(`${domain}.`);
      const classOf = (id: string): unknown => home.states.find((s) => s.entity_id === id)?.attributes['device_class'];
      let expected = new Set<string>();
      let named = false;
      if (name) {
        expected = new Set([...names].filter(([id, n]) => same(n, name) && ofDomain(id) && (!deviceClass || classOf(id) === deviceClass)).map(([id]) => id));
        named = expected.size > 0;
      }
      const areaName = slots['area'] as string | undefined;
      if (expected.size === 0 && areaName) {
        const area = home.areas.find((a) => a.name === areaName);
        expected = new Set([...areaOf].filter(([id, a]) => a === area?.area_id && ofDomain(id)).map(([id]) => id));
      }
      if (expected.size === 0) {
        skipped += test.sentences.length;
        continue;
      }
      for (const sentence of test.sentences) {
        const namedInText = named || (areaName !== undefined && tokenize(sentence).join(' ').includes(tokenize(areaName).join(' ')));
        cases.push({ file, sentence, domain, expected, namedInText });
      }
    }
  }
  return { cases, skipped };
}

describe('ranking over the HA intents test sentences', () => {
  let stack: HomeStack;
  let home: SimHome;

  beforeAll(async () => {
    home = loadIntentsHome();
    // Every entity visible: this measures ranking, not exposure.
    stack = await startHomeStack(home, 'all');
  });
  afterAll(async () => stack?.stop());

  it('finds the named entity or area in the top 5 for at least 95% of sentences', () => {
    const { cases, skipped } = buildCases(home);
    const misses: string[] = [];
    let hits = 0;
    let contextHits = 0;
    let firstHits = 0;
    const counted = cases.filter((c) => c.namedInText);
    const contextOnly = cases.filter((c) => !c.namedInText);
    for (const c of cases) {
      const top = stack.index.search({ query: c.sentence, domain: c.domain, limit: 5 }).map((e) => e.entity_id);
      const ok = top.some((id) => c.expected.has(id));
      if (c.namedInText && ok) hits++;
      if (c.namedInText && top[0] !== undefined && c.expected.has(top[0])) firstHits++;
      if (c.namedInText && !ok) misses.push(`${c.file}: "${c.sentence}" → ${top.join(', ') || 'nothing'}`);
      if (!c.namedInText && ok) contextHits++;
    }
    const rate = hits / counted.length;
    console.log(
      `intents ranking: top-5 hit rate ${(rate * 100).toFixed(1)}% (${hits}/${counted.length} sentences naming an entity or area); ` +
        `top-1 ${((firstHits / counted.length) * 100).toFixed(1)}%; ` +
        `area only from context: ${contextHits}/${contextOnly.length}; skipped (no such entity): ${skipped}`,
    );
    if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
    expect(counted.length).toBeGreaterThan(400);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
