import { describe, expect, it } from 'vitest';
import { isAlreadySettled } from '../../../src/tools/home/call-outcome.js';

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
