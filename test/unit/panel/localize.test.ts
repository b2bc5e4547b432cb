import { describe, expect, it } from 'vitest';
import { createLocalize, formatMessage, pickLanguage } from '../../../panel/src/common/localize.js';
import en from '../../../panel/src/translations/en.json' with { type: 'json' };
import fr from '../../../panel/src/translations/fr.json' with { type: 'json' };

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('panel translations', () => {
  it('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('French keeps every placeholder of the English text', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(fr[key as keyof typeof fr]), key).toEqual(placeholders(text));
    }
  });

  it('no string is left empty', () => {
    for (const table of [en, fr]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('points to the provider option when no model key is configured, in both languages (the server message names the key)', () => {
    expect(createLocalize('en')('error.model_not_configured')).toContain('the provider chosen in llm_provider');
    expect(createLocalize('fr')('error.model_not_configured')).toContain('llm_provider');
  });
});

describe('localize', () => {
  it('follows the browser: French for any fr-* tag, English otherwise', () => {
    expect(pickLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['FR'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'fr-FR'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'es'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(createLocalize('en')('nav.pending', { count: 3 })).toBe('3 waiting for approval');
    expect(createLocalize('fr')('approval.approved_by', { by: 'Alice' })).toBe('Approuvé par Alice');
    expect(formatMessage('Hello {name} {other}', { name: 'Bob' })).toBe('Hello Bob {other}');
  });
});
