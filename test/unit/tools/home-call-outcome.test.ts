import { describe, expect, it } from 'vitest';
import type { EntitySummary } from '../../../src/ha/entity-summary.js';
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

  it('says what moved in the reader’s language, a count for the rest', () => {
    const states = ['A', 'B', 'C', 'D', 'E'].map((n) => lamp(n, 'on'));
    expect(describeOutcome('light.turn_on', states, 'fr')).toBe('A → on, B → on, C → on et 2 autres');
    expect(describeOutcome('light.turn_on', states)).toBe('A → on, B → on, C → on and 2 more');
    expect(describeOutcome('light.turn_on', [], 'fr')).toBe('light.turn_on effectué');
  });
});
