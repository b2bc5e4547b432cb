import { describe, expect, it } from 'vitest';
import { MESSAGE_TABLES, isPlural, languageOf, placeholdersOf, t, type MessageKey } from '../../../src/messages/messages.js';

const keys = Object.keys(MESSAGE_TABLES.en) as MessageKey[];

describe('the message table', () => {
  it('has every key in English and in French, and no key English lacks', () => {
    expect(Object.keys(MESSAGE_TABLES.fr).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s has a French sentence with the same placeholders', (key) => {
    const french = MESSAGE_TABLES.fr[key];
    expect(french.trim()).not.toBe('');
    expect(placeholdersOf(french)).toEqual(placeholdersOf(MESSAGE_TABLES.en[key]));
  });

  it('words a sentence in the language of a tag, English when there is no table', () => {
    expect(t('fr-CA', 'approval.approve')).toBe('Approuver');
    expect(t('de', 'approval.approve')).toBe('Approve');
    expect(t(undefined, 'approval.asked_by', { name: 'Alice' })).toBe('Asked by Alice.');
    expect(t('fr', 'approval.asked_by', { name: 'Alice' })).toBe('Demandé par Alice.');
    expect(languageOf('FR_be')).toBe('fr');
  });
});

describe('plurals', () => {
  it('counts as each language does: French keeps 0 and 1 singular', () => {
    expect([0, 1, 2].map((n) => isPlural('fr', n))).toEqual([false, false, true]);
    expect([0, 1, 2].map((n) => isPlural('en', n))).toEqual([true, false, true]);
  });
});
