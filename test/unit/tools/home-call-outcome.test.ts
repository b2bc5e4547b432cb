import { describe, expect, it } from 'vitest';
import type { EntitySummary } from '../../../src/ha/entity-summary.js';
import { readStateWords, stateWord } from '../../../src/ha/state-words.js';
import { describeOutcome, isAlreadySettled } from '../../../src/tools/home/call-outcome.js';

describe('isAlreadySettled', () => {
  it('knows a plain turn_on of lights that are all on moves nothing', () => {
    expect(isAlreadySettled('turn_on', {}, ['on', 'on'])).toBe(true);
    expect(isAlreadySettled('lock', {}, ['locked'])).toBe(true);
  });

  it('expects a change when any target is elsewhere, when data is given, or for services it does not know', () => {
    expect(isAlreadySettled('turn_on', {}, ['on', 'off'])).toBe(false);
    expect(isAlreadySettled('turn_on', { brightness_pct: 40 }, ['on'])).toBe(false);
    expect(isAlreadySettled('toggle', {}, ['on'])).toBe(false);
    expect(isAlreadySettled('turn_on', {}, [undefined])).toBe(false);
    expect(isAlreadySettled('turn_on', {}, [])).toBe(false);
  });
});

describe('describeOutcome', () => {
  const lamp = (name: string, state: string) => ({ entity_id: `light.${name.toLowerCase()}`, name, state }) as EntitySummary;

  // HA's French answer for a light's "on" (frontend/get_translations).
  const french = readStateWords({ resources: { 'component.light.entity_component._.state.on': 'Allumé' } });
  const inFrench = (entityId: string, state: string) => stateWord(french, { domain: entityId.split('.', 1)[0] ?? '', state });

  it('says what moved in the reader’s language with HA’s words for the states, a count for the rest', () => {
    const states = ['A', 'B', 'C', 'D', 'E'].map((n) => lamp(n, 'on'));
    expect(describeOutcome('light.turn_on', states, 'fr', inFrench)).toBe('A → Allumé, B → Allumé, C → Allumé et 2 autres');
    expect(describeOutcome('light.turn_on', [lamp('A', 'unavailable')], 'fr', inFrench)).toBe('A → unavailable');
    expect(describeOutcome('light.turn_on', states)).toBe('A → on, B → on, C → on and 2 more');
    expect(describeOutcome('light.turn_on', [], 'fr')).toBe('light.turn_on effectué');
  });
});
