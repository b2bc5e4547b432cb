/**
 * "Always allow" from one call: the narrowest allow rule, in the rule syntax, that covers this
 * call's tool and its salient facts (service, entities, recipients, host, command). A call whose
 * rule would allow more than the call itself gets a reason instead of a rule. What only the tool
 * knows (a fact its rule must name, why a call cannot be pinned down) comes from its declaration.
 */
import { t } from '../../messages/messages.js';
import type { RuleHints, ToolCallDescription } from '../../tools/tool.js';
import { expandFacts, type CallFacts, type FactRecord } from '../facts/call-facts.js';
import { conditionHolds, ruleApplies } from './evaluate.js';
import { FACT_KEYS, type FactKey } from './rule.js';
import { parseMatch, parseRule } from './rule-syntax.js';

/** The rule, or why this call cannot become one. */
export type AllowRule = { ok: true; tool: string; match: string } | { ok: false; reason: string };

// Facts the rule leaves out: the tool kind is fixed by the tool, and an entity's domain, device
// class and what its name says follow from its id.
const LEFT_OUT: ReadonlySet<string> = new Set(['effect', 'entity_domain', 'device_class', 'name_says']);

/**
 * What a human answers every time: a call reaching any of these, by its service or through any
 * entity it acts on, never becomes a rule with one click (rules written in the options still can).
 * Locking and arming are allowed without asking anyway, so every service of those domains is refused.
 */
const ASK_EVERY_TIME = {
  why: 'always_allow.ask_every_time',
  matches: [
    'domain=lock,alarm_control_panel',
    'entity_domain=lock,alarm_control_panel',
    'entity_domain=cover device_class=garage,gate,door',
    'entity_domain=cover name_says=garage,gate,door',
  ].map(parseMatch),
} as const;

/** A value in the rule syntax: bare when it can be, quoted (with `\` escapes) otherwise. */
export function formatRuleValue(value: string): string {
  if (value !== '' && !/[\s,"\\]/.test(value) && !value.includes('..')) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Every value of each fact across the call's base and groups, in FACT_KEYS order. */
function collectValues(facts: CallFacts, hints: RuleHints): Map<FactKey, string[]> {
  const skipped = new Set([...LEFT_OUT, ...(hints.leftOut ?? [])]);
  const values = new Map<FactKey, string[]>();
  const add = (record: Readonly<Record<string, string>>): void => {
    for (const [key, value] of Object.entries(record)) {
      if (skipped.has(key) || !Object.hasOwn(FACT_KEYS, key)) continue;
      const list = values.get(key as FactKey) ?? [];
      if (!list.includes(value)) list.push(value);
      values.set(key as FactKey, list);
    }
  };
  add(facts.base);
  for (const group of facts.groups) for (const record of group) add(record);
  const ordered = new Map<FactKey, string[]>();
  for (const key of Object.keys(FACT_KEYS) as FactKey[]) {
    const list = values.get(key);
    if (list) ordered.set(key, list);
  }
  return ordered;
}

/** The call's base facts, alone and with each item of each group (no combinations needed). */
function eachRecord(facts: CallFacts): FactRecord[] {
  return [facts.base, ...facts.groups.flatMap((group) => group.map((item) => ({ ...facts.base, ...item })))];
}

/** Why "Always allow" must not cover this call, in `language`; undefined when it may. */
function asksEveryTime(facts: CallFacts, language: string | undefined): string | undefined {
  const reaches = (record: FactRecord): boolean => ASK_EVERY_TIME.matches.some((conditions) => conditions.every((c) => conditionHolds(c, record)));
  return eachRecord(facts).some(reaches) ? t(language, ASK_EVERY_TIME.why) : undefined;
}

/** Why a rule from these facts would say more than the call, in `language` (the tool's own reason as it worded it); undefined when it would not. */
function tooBroad(hints: RuleHints, values: Map<FactKey, string[]>, language: string | undefined): string | undefined {
  if (hints.unsavable) return hints.unsavable;
  const required = hints.required;
  if (required && !values.has(required)) return t(language, 'always_allow.no_fact', { fact: required });
  for (const [key, list] of values) {
    // Rules read * and ? as wildcards and have no escape for them.
    if (list.some((v) => /[*?]/.test(v))) return t(language, 'always_allow.wildcard', { fact: key });
  }
  return undefined;
}

/**
 * The allow rule for one call of `tool`, from what its tool declares about it (described in
 * `language`, so its own reasons read in it); a refusal says why in `language`, the approver's.
 */
export function allowRuleFor(tool: string, description: Pick<ToolCallDescription, 'facts' | 'rule'>, language?: string): AllowRule {
  const { facts } = description;
  const refuse = (why: string): AllowRule => ({ ok: false, reason: t(language, 'always_allow.refused', { why }) });
  if (facts.refusal) return refuse(facts.refusal);
  const everyTime = asksEveryTime(facts, language);
  if (everyTime) return refuse(everyTime);
  const values = collectValues(facts, description.rule);
  const broad = tooBroad(description.rule, values, language);
  if (broad) return refuse(broad);
  const match = [...values].map(([key, list]) => `${key}=${list.map(formatRuleValue).join(',')}`).join(' ');
  let rule;
  try {
    rule = parseRule({ effect: 'allow', tool, match }, 'new rule', 'rule');
  } catch (err) {
    return refuse(err instanceof Error ? err.message : String(err));
  }
  // The rule must cover every combination the policy will judge for this very call.
  const records = expandFacts(facts);
  if (!records || !records.every((record) => ruleApplies(rule, tool, record))) return refuse(t(language, 'always_allow.too_many_facts'));
  return { ok: true, tool, match };
}
