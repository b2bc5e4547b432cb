/**
 * The user's layer of rules: the `rules` option (parsed once at start-up) followed by the rules
 * saved from the panel, re-read only when the saved set changes.
 */
import type { Logger } from '../../logger.js';
import type { NewSavedRule, SavedRule } from '../../store/rules.js';
import { parseRule, type RuleSpec } from './rule-syntax.js';
import type { PolicyRule } from './rule.js';

/** The part of the rule store the policy reads. */
export interface SavedRuleSource {
  readonly revision: number;
  list(): SavedRule[];
}

/** The part of the rule store saving needs. */
export interface SavedRuleSink {
  add(rule: NewSavedRule): SavedRule;
}

/** Option rules first, then saved ones; a saved rule that no longer parses is skipped with a warning. */
export function createUserRules(options: { optionRules: readonly PolicyRule[]; saved?: SavedRuleSource; logger?: Pick<Logger, 'warn'> }): () => readonly PolicyRule[] {
  let cache: { revision: number; rules: readonly PolicyRule[] } | undefined;
  return () => {
    const saved = options.saved;
    if (!saved) return options.optionRules;
    if (cache?.revision === saved.revision) return cache.rules;
    const parsed = saved.list().flatMap((row) => {
      try {
        return [parseRule(row, `saved rule ${row.id}`, `saved rule ${row.id}`)];
      } catch (err) {
        options.logger?.warn({ err: err instanceof Error ? err.message : String(err), rule: row.id }, 'ignoring a saved policy rule');
        return [];
      }
    });
    cache = { revision: saved.revision, rules: [...options.optionRules, ...parsed] };
    return cache.rules;
  };
}

/** Checks a rule and saves it; throws ConfigError (code config_invalid) saying what is wrong. */
export function saveRule(store: SavedRuleSink, spec: RuleSpec, createdBy: string): SavedRule {
  parseRule(spec, 'new rule', 'rule');
  return store.add({ effect: spec.effect, tool: spec.tool, match: spec.match?.trim() ?? '', createdBy, note: spec.reason });
}
