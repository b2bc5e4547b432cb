/**
 * The one way the server words a sentence for a person: `t(language, key, params)` over the tables
 * of en.ts and fr.ts, like the panel's localize. A language tag is read by its base (`fr-CA` →
 * French); any language without a table gets English.
 */
import { en, type MessageKey, type Messages } from './en.js';
import { fr } from './fr.js';

export type { MessageKey, Messages } from './en.js';

/** The languages the server has a table for. */
export type Lang = 'en' | 'fr';

/** Every table, by language; a test checks they share keys and placeholders. */
export const MESSAGE_TABLES: Readonly<Record<Lang, Messages>> = { en, fr };

/** Values for a sentence's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The table language for a BCP 47 tag (`fr`, `fr-CA` → `fr`); English when there is none. */
export function languageOf(tag: string | undefined): Lang {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] === 'fr' ? 'fr' : 'en';
}

/** The sentence for `key` in `language` (a tag or a Lang), its placeholders filled; an unknown placeholder stays visible. */
export function t(language: string | undefined, key: MessageKey, params: MessageParams = {}): string {
  const text = MESSAGE_TABLES[languageOf(language)][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The locale each table's numbers are written in. */
const NUMBER_LOCALES: Readonly<Record<Lang, string>> = { en: 'en-US', fr: 'fr-FR' };

/** A number as `language` writes it: 1,234.5 and $2.00 in English, 1 234,5 and 2,00 $US in French. */
export function formatNumber(language: string | undefined, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[languageOf(language)], options).format(value);
}

/** Whether `count` takes the plural in `language`: French says "0 tâche", "1 tâche", English "0 tasks", "1 task". */
export function isPlural(language: string | undefined, count: number): boolean {
  return languageOf(language) === 'fr' ? Math.abs(count) >= 2 : count !== 1;
}

/** The placeholder names of a sentence, sorted (for the completeness test and callers' checks). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** A phrase to be worded later, in the language of whoever reads it. */
export interface Phrase {
  key: MessageKey;
  params?: MessageParams;
}
