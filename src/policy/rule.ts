/**
 * Policy rules as data. A rule names a tool (exact or glob) and conditions on facts about the call
 * (which service, which entity, which recipient…); see rule-syntax.ts for how they are written.
 */

/** What a rule decides. */
export type RuleEffect = 'allow' | 'ask' | 'deny';

/** The facts a rule may test, with what each means (shown in errors and docs). */
export const FACT_KEYS = {
  effect: 'the tool kind: read, write or external',
  domain: 'the Home Assistant service domain (light, lock, cover…)',
  service: 'the Home Assistant service (turn_on, unlock, open_cover…)',
  entity_id: 'an entity the call acts on (each one is judged on its own)',
  entity_domain: 'the domain of an entity the call acts on',
  device_class: "an entity's device class (garage, gate, door, window…)",
  name_says: "what a cover's name or entity id says it is: garage, gate or door (English or French words)",
  temperature_c: 'a temperature the call sets, in °C',
  to: 'an e-mail recipient (to or cc; each one is judged on its own)',
  url: 'the address a browser call opens',
  host: 'the host name a browser call opens',
  action: 'the browser action: click, type, select or press',
  field_type: 'the type of the page field a browser action types into (password, text…)',
  submits: 'whether a browser action submits a form: true or false',
  command: 'the shell command line, when it is one simple command (pipes, chains, redirections and substitutions never match)',
} as const;

/** A fact name a rule may test. */
export type FactKey = keyof typeof FACT_KEYS;

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
  /** Where the rule comes from: `default`, `option rules[2]`, `saved rule 7`. */
  source: string;
}

/** Turns a glob (`*` any text, `?` one character) into an anchored, case-insensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'is');
}
