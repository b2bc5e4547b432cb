import en from '../translations/en.json' with { type: 'json' };
import fr from '../translations/fr.json' with { type: 'json' };

/** A string id; the English file is the source of truth for which ids exist. */
export type TranslationKey = keyof typeof en;

/** Languages the panel is translated into. */
export type Language = 'en' | 'fr';

/** Values substituted for `{name}` placeholders. */
export type LocalizeParams = Record<string, string | number>;

/** Translates a key in the panel's language, as HA's `hass.localize` does. */
export type LocalizeFunc = (key: TranslationKey, params?: LocalizeParams) => string;

// Typed against the English keys: a French file missing a key fails the type check.
const TABLES: Record<Language, Record<TranslationKey, string>> = { en, fr };

/** The first supported language among the browser's preferences (`fr-CA` → `fr`), else English. */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is noticed. */
export function formatMessage(template: string, params?: LocalizeParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A localize function for one language; a key missing there falls back to English. */
export function createLocalize(language: Language): LocalizeFunc {
  const table = TABLES[language];
  return (key, params) => formatMessage(table[key] ?? en[key] ?? key, params);
}
