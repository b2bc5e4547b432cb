/**
 * The rule syntax of the add-on options: a rule is `{effect, tool, match?}`, where `match` is a
 * space-separated list of conditions, all of which must hold:
 *
 *   domain=lock service=unlock,open          one of several values
 *   entity_id=lock.front_*                   globs: * and ?
 *   device_class!=garage,gate,door           none of these (or no device class at all)
 *   temperature_c=7..30                      numeric range (7.., ..30 for open ends)
 *   command="git status*"                    quotes for spaces and commas
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import type { MessageKey, MessageParams } from '../../messages/messages.js';
import { FACT_KEYS, globToRegExp, type Condition, type FactKey, type PolicyRule, type RuleEffect, type ValuePattern } from './rule.js';

/** A rule as written in options or saved from the panel. */
export interface RuleSpec {
  effect: RuleEffect;
  tool: string;
  match?: string | undefined;
  reason?: string | undefined;
  /** A built-in rule's reason as a message key, worded in the reader's language (policy.ts). */
  reasonKey?: MessageKey | undefined;
  reasonParams?: MessageParams | undefined;
}

const RANGE = /^(-?\d+(?:\.\d+)?)?\.\.(-?\d+(?:\.\d+)?)?$/;
const KEY = /^[a-z_]+/;

function isFactKey(key: string): key is FactKey {
  return Object.hasOwn(FACT_KEYS, key);
}

function toPattern(text: string, quoted: boolean): ValuePattern {
  const range = quoted ? null : RANGE.exec(text);
  if (range && (range[1] !== undefined || range[2] !== undefined)) {
    const min = range[1] === undefined ? -Infinity : Number(range[1]);
    const max = range[2] === undefined ? Infinity : Number(range[2]);
    if (min > max) throw new Error(`range ${text} is empty (the low end is above the high end)`);
    return { kind: 'range', text, min, max };
  }
  return { kind: 'glob', text, regex: globToRegExp(text) };
}

/** Reads the comma-separated values starting at `pos`; returns them and where they end. */
function readValues(text: string, start: number, key: string): { patterns: ValuePattern[]; end: number } {
  const patterns: ValuePattern[] = [];
  let pos = start;
  for (;;) {
    let value = '';
    let quoted = false;
    if (text[pos] === '"') {
      quoted = true;
      pos++;
      while (pos < text.length && text[pos] !== '"') {
        if (text[pos] === '\\' && pos + 1 < text.length) pos++;
        value += text[pos];
        pos++;
      }
      if (pos >= text.length) throw new Error(`unterminated quote in the value of "${key}"`);
      pos++;
    } else {
      while (pos < text.length && !/[\s,"]/.test(text[pos] ?? '')) value += text[pos++];
    }
    if (value === '') throw new Error(`empty value for "${key}"`);
    patterns.push(toPattern(value, quoted));
    if (text[pos] !== ',') return { patterns, end: pos };
    pos++;
  }
}

/** Parses a `match` string into conditions; throws an Error whose message says what is wrong. */
export function parseMatch(match: string): Condition[] {
  const conditions: Condition[] = [];
  let pos = 0;
  for (;;) {
    while (pos < match.length && /\s/.test(match[pos] ?? '')) pos++;
    if (pos >= match.length) return conditions;
    const key = KEY.exec(match.slice(pos))?.[0];
    if (!key) throw new Error(`expected a condition such as domain=light at "${match.slice(pos, pos + 20)}"`);
    if (!isFactKey(key)) throw new Error(`unknown key "${key}"; known keys: ${Object.keys(FACT_KEYS).join(', ')}`);
    pos += key.length;
    const negate = match.startsWith('!=', pos);
    if (!negate && match[pos] !== '=') throw new Error(`expected = or != after "${key}"`);
    pos += negate ? 2 : 1;
    const { patterns, end } = readValues(match, pos, key);
    if (end < match.length && !/\s/.test(match[end] ?? '')) throw new Error(`expected a space after the value of "${key}"`);
    conditions.push({ key, negate, patterns });
    pos = end;
  }
}

const TOOL = /^[a-z0-9_*?]+$/;

/** The shape of one rule in options.json; `match` is checked by parsing it. */
export const ruleSpecSchema = z.object({
  effect: z.enum(['allow', 'ask', 'deny']),
  tool: z.string().trim().regex(TOOL, 'must be a tool name such as ha_call_service, or a glob such as ha_*'),
  match: z.string().trim().optional(),
  reason: z.string().trim().min(1).optional(),
});

/** Builds a rule from its spec; throws an Error naming the problem. */
export function buildRule(spec: RuleSpec, source: string): PolicyRule {
  const match = spec.match?.trim() ?? '';
  const rule: PolicyRule = {
    effect: spec.effect,
    tool: spec.tool,
    toolPattern: globToRegExp(spec.tool),
    match,
    conditions: parseMatch(match),
    source,
  };
  if (spec.reason) rule.reason = spec.reason;
  if (spec.reasonKey) rule.reasonText = { key: spec.reasonKey, ...(spec.reasonParams && { params: spec.reasonParams }) };
  return rule;
}

/** Validates one raw rule (zod shape, then the match syntax); throws ConfigError naming `label`. */
export function parseRule(raw: unknown, source: string, label: string): PolicyRule {
  const parsed = ruleSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
    throw new ConfigError(`${label}${where}: ${issue?.message ?? 'invalid rule'}`);
  }
  try {
    return buildRule(parsed.data, source);
  } catch (err) {
    throw new ConfigError(`${label}.match: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The `rules` option, parsed at start-up; a bad rule is a ConfigError naming its index. */
export function parseUserRules(rules: readonly unknown[]): PolicyRule[] {
  return rules.map((raw, index) => parseRule(raw, `option rules[${index}]`, `option rules[${index}]`));
}
