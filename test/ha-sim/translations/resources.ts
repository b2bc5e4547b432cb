/**
 * The answer of `frontend/get_translations`, built as HA's helpers/translation.py builds it: the
 * strings of each asked integration flattened under `component.<domain>.<category>.…`, the
 * language's words laid over English (a word the language lacks, or a language HA has no file
 * for, comes in English). Only `entity_component` has words here; any other category is empty.
 */
import { ENGLISH_WORDS, WORDS_BY_LANGUAGE, type DomainWords } from './entity-component-words.js';

const CATEGORY = 'entity_component';

function flatten(words: DomainWords, domains: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [domain, buckets] of Object.entries(words)) {
    if (!domains.has(domain)) continue;
    for (const [bucket, { name, state }] of Object.entries(buckets)) {
      const prefix = `component.${domain}.${CATEGORY}.${bucket}`;
      if (name !== undefined) out[`${prefix}.name`] = name;
      for (const [value, word] of Object.entries(state ?? {})) out[`${prefix}.state.${value}`] = word;
    }
  }
  return out;
}

/** HA's `resources` for a language and category, for `integrations` (all the simulator knows when undefined). */
export function translationResources(language: string, category: string, integrations?: readonly string[]): Record<string, string> {
  if (category !== CATEGORY) return {};
  const domains = new Set(integrations ?? Object.keys(ENGLISH_WORDS));
  const own = WORDS_BY_LANGUAGE[language];
  return { ...flatten(ENGLISH_WORDS, domains), ...(own && own !== ENGLISH_WORDS ? flatten(own, domains) : {}) };
}
