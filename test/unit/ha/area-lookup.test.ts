import { describe, expect, it } from 'vitest';
import { resolveAreaIds } from '../../../src/ha/area-lookup.js';
import { registries } from './small-home.js';

const { areas, floors } = registries();
const resolve = (text: string): string[] => resolveAreaIds(text, areas, floors);

describe('area lookup', () => {
  it('accepts an area id, a name in any case or accents, or an alias', () => {
    expect(resolve('living_room')).toEqual(['living_room']);
    expect(resolve('sejour')).toEqual(['living_room']);
    expect(resolve('LOUNGE')).toEqual(['living_room']);
    expect(resolve('cuisine')).toEqual(['kitchen']);
  });

  it('expands a floor name or alias to its areas', () => {
    expect(resolve('downstairs').sort()).toEqual(['kitchen', 'living_room']);
    expect(resolve('First Floor')).toEqual(['bedroom']);
  });

  it('tolerates a typo and returns nothing for unknown places', () => {
    expect(resolve('kitchn')).toEqual(['kitchen']);
    expect(resolve('attic')).toEqual([]);
  });
});
