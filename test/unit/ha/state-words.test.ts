/** HA's words for states, looked up the way HA's frontend does: the device class's word, the domain's, then the state itself. */
import { describe, expect, it } from 'vitest';
import { readStateWords, stateWord } from '../../../src/ha/state-words.js';

// A French answer of `frontend/get_translations` (category entity_component), as HA gives it.
const FRENCH = readStateWords({
  resources: {
    'component.lock.entity_component._.name': 'Serrure',
    'component.lock.entity_component._.state.locked': 'Verrouillé',
    'component.lock.entity_component._.state.unlocked': 'Déverrouillé',
    'component.lock.entity_component._.state_attributes.changed_by.name': 'Modifié par',
    'component.binary_sensor.entity_component._.state.on': 'Allumé',
    'component.binary_sensor.entity_component.door.state.on': 'Ouvert',
    'component.cover.entity_component._.state.open': 'Ouvert',
    'component.cover.entity_component.garage.name': 'Porte de garage',
  },
});

describe('the word HA shows for a state', () => {
  it('is the domain’s word when the entity has no device class', () => {
    expect(stateWord(FRENCH, { domain: 'lock', state: 'unlocked' })).toBe('Déverrouillé');
  });

  it('is the device class’s word before the domain’s', () => {
    expect(stateWord(FRENCH, { domain: 'binary_sensor', deviceClass: 'door', state: 'on' })).toBe('Ouvert');
    expect(stateWord(FRENCH, { domain: 'binary_sensor', deviceClass: 'motion', state: 'on' })).toBe('Allumé');
  });

  it('falls back to the domain’s word when the device class has only a name (a garage door is a cover)', () => {
    expect(stateWord(FRENCH, { domain: 'cover', deviceClass: 'garage', state: 'open' })).toBe('Ouvert');
  });

  it('is the state itself when HA has no word for it, or no words at all', () => {
    expect(stateWord(FRENCH, { domain: 'lock', state: 'jammed' })).toBe('jammed');
    expect(stateWord(FRENCH, { domain: 'sensor', deviceClass: 'temperature', state: '21.5' })).toBe('21.5');
    expect(stateWord(FRENCH, { domain: 'light', state: 'unavailable' })).toBe('unavailable');
    expect(stateWord(undefined, { domain: 'lock', state: 'locked' })).toBe('locked');
  });

  it('keeps only state words from HA’s answer, and reads a malformed one as no words', () => {
    expect([...FRENCH.keys()].some((key) => key.includes('.name') || key.includes('state_attributes'))).toBe(false);
    expect(FRENCH.size).toBe(5);
    expect(readStateWords({ resources: { 'component.lock.entity_component._.state.locked': 3 } }).size).toBe(0);
    expect(readStateWords(null).size).toBe(0);
    expect(readStateWords({ resources: 'nope' }).size).toBe(0);
  });
});
