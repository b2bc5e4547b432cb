import { describe, expect, it } from 'vitest';
import { expandToken, queryTokens } from '../../../src/ha/entity-search.js';
import { smallHomeSearch } from './small-home.js';

const { top } = smallHomeSearch();

describe('entity search ranking', () => {
  it('puts the entity named in a whole sentence first', () => {
    expect(top('could you please turn on the kitchen light')[0]).toBe('light.kitchen_ceiling');
    expect(top('what is the temperature in the kitchen?')[0]).toBe('sensor.kitchen_temperature');
  });

  it('tolerates typos, including swapped letters', () => {
    expect(top('kitchn lihgt')[0]).toBe('light.kitchen_ceiling');
    expect(top('televsion')[0]).toBe('media_player.tv');
  });

  it('matches plurals and possessives', () => {
    expect(top('the blind')[0]).toBe('cover.living_blinds');
    expect(top("kitchen's lights")).toEqual(expect.arrayContaining(['light.kitchen_ceiling', 'light.kitchen_counter']));
  });

  it('ignores word order and case', () => {
    expect(top('LIGHT KITCHEN')[0]).toBe('light.kitchen_ceiling');
    expect(top('thermostat hall')[0]).toBe('climate.hall');
  });

  it('folds accents both ways: "sejour" finds the Séjour, "séjour" its alias', () => {
    expect(top('sejour blinds')[0]).toBe('cover.living_blinds');
    expect(top('stores du séjour')[0]).toBe('cover.living_blinds');
  });

  it('finds entities by area alias, floor, device name and entity alias', () => {
    expect(top('lounge')).toEqual(expect.arrayContaining(['cover.living_blinds', 'media_player.tv', 'light.reading']));
    expect(top('upstairs lamp')[0]).toBe('light.bedroom');
    expect(top('samsung')[0]).toBe('media_player.tv');
    expect(top('cooking light')[0]).toBe('light.kitchen_ceiling');
  });

  it('understands everyday words for domains', () => {
    expect(top('tv volume')[0]).toBe('media_player.tv');
    expect(top('heating in the hall')[0]).toBe('climate.hall');
    expect(top('lock')[0]).toBe('lock.front_door');
    expect(top('shades')[0]).toBe('cover.living_blinds');
  });

  it('does not read "switch on" as the switch domain', () => {
    expect(queryTokens('switch on the heater')).toEqual(['heater']);
    expect(top('switch on the kitchen light')[0]).toBe('light.kitchen_ceiling');
  });

  it('finds an entity by its exact entity_id', () => {
    expect(top('light.kitchen_counter')).toEqual(['light.kitchen_counter']);
  });

  it('returns nothing for words that match nothing', () => {
    expect(top('zebra xylophone')).toEqual([]);
  });

  it('does not treat short words or numbers as typos of others', () => {
    expect([...expandToken('pm1', ['pm10', 'pm2']).keys()]).toEqual(['pm1']);
    expect([...expandToken('fan', ['fun', 'can']).keys()]).toEqual(['fan']);
  });
});
