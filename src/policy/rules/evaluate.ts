/**
 * The pure decision: which rule applies to one combination of facts. Layers are tried in order
 * (the user's rules, then the defaults, then the fallback); the first layer with a matching rule
 * decides. Inside a layer deny beats ask beats allow, and the first matching rule of that effect
 * gives the reason.
 */
import type { FactRecord } from '../facts/call-facts.js';
import type { Condition, PolicyRule, RuleEffect, ValuePattern } from './rule.js';

const ORDER: readonly RuleEffect[] = ['deny', 'ask', 'allow'];

function matchesPattern(pattern: ValuePattern, value: string): boolean {
  if (pattern.kind === 'glob') return pattern.regex.test(value);
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) && number >= pattern.min && number <= pattern.max;
}

/** Whether one condition holds for these facts. */
export function conditionHolds(condition: Condition, facts: FactRecord): boolean {
  const value = facts[condition.key];
  const hit = value !== undefined && condition.patterns.some((p) => matchesPattern(p, value));
  return condition.negate ? !hit : hit;
}

/** Whether a rule applies to a call of `tool` with these facts. */
export function ruleApplies(rule: PolicyRule, tool: string, facts: FactRecord): boolean {
  return rule.toolPattern.test(tool) && rule.conditions.every((c) => conditionHolds(c, facts));
}

/** The rule of one layer that decides, if any. */
export function evaluateLayer(rules: readonly PolicyRule[], tool: string, facts: FactRecord): PolicyRule | undefined {
  for (const effect of ORDER) {
    const rule = rules.find((r) => r.effect === effect && ruleApplies(r, tool, facts));
    if (rule) return rule;
  }
  return undefined;
}

/** The first layer's deciding rule. */
export function evaluateLayers(layers: ReadonlyArray<readonly PolicyRule[]>, tool: string, facts: FactRecord): PolicyRule | undefined {
  for (const layer of layers) {
    const rule = evaluateLayer(layer, tool, facts);
    if (rule) return rule;
  }
  return undefined;
}

/** How strict an effect is, for combining verdicts. */
export function strictness(effect: RuleEffect): number {
  return ORDER.length - ORDER.indexOf(effect);
}
