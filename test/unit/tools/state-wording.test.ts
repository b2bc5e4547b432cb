/** Which speakers read HA's words for states, and how such a word sits inside a sentence. */
import { describe, expect, it } from 'vitest';
import { stateWordLanguage, wordInSentence } from '../../../src/tools/home/state-wording.js';

describe('state words on the cards', () => {
  it('are HA’s French words for French speakers; English speakers read the states as HA names them', () => {
    expect(stateWordLanguage('fr')).toBe('fr');
    expect(stateWordLanguage('fr-CA')).toBe('fr');
    expect(stateWordLanguage('en-GB')).toBeUndefined();
    expect(stateWordLanguage('de')).toBeUndefined();
    expect(stateWordLanguage(undefined)).toBeUndefined();
  });

  it('lose their capital inside a sentence ("déjà allumé"), but an acronym or a state HA had no word for stays as it is', () => {
    expect(wordInSentence('Allumé', 'on')).toBe('allumé');
    expect(wordInSentence('Lecture en cours', 'playing')).toBe('lecture en cours');
    expect(wordInSentence('OK', 'off')).toBe('OK');
    expect(wordInSentence('Please unlock the door', 'Please unlock the door')).toBe('Please unlock the door');
  });
});
