/**
 * Policy rules as data. A rule names a tool (exact or glob) and conditions on facts about the call
 * (which service, which entity, which recipient…); see rule-syntax.ts for how they are written.
 */
import type { Phrase } from '../../messages/messages.js';
import type { FactKey } from '../../tools/call-facts.js';

// The facts are the tools' vocabulary (tools/call-facts.ts); rules test them by these names.
export { FACT_KEYS, type FactKey } from '../../tools/call-facts.js';

/** What a rule decides. */
export type RuleEffect = 'allow' | 'ask' | 'deny';

/** One accepted value: a glob (`*`, `?`, case-insensitive) or a numeric range `lo..hi`. */
export type ValuePattern =
  | { kind: 'glob'; text: string; regex: RegExp }
  | { kind: 'range'; text: string; min: number; max: number };

/** `key=a,b` holds when the fact has a value matching a or b; `key!=a,b` when it has none. */
export interface Condition {
  key: FactKey;
  negate: boolean;
  patterns: ValuePattern[];
}

/** A parsed rule, ready to evaluate. */
export interface PolicyRule {
  effect: RuleEffect;
  /** Tool name or glob (`ha_*`). */
  tool: string;
  toolPattern: RegExp;
  /** The conditions as written, for messages. */
  match: string;
  conditions: Condition[];
  /** Why, in words, when the rule's author said so (defaults always do). */
  reason?: string;
  /** The reason as a phrase of the message table (built-in rules), worded in the reader's language; `reason` is its English. */
  reasonText?: Phrase;
  /** Where the rule comes from: `default`, `option rules[2]`, `saved rule 7`. */
  source: string;
}

/** Turns a glob (`*` any text, `?` one character) into an anchored, case-insensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'is');
}
