import type { UserIdentity } from '../contracts/identity.js';
import { wordIn, type Wording } from '../messages/wording.js';
import type { ToolCallDescription, ToolEffect } from '../tools/tool.js';
import { expandFacts } from './facts/call-facts.js';
import { DEFAULT_RULES, FALLBACK_RULES } from './rules/default-rules.js';
import { applyEgressGuard, type Egress } from './taint/egress.js';
import { evaluateLayers, strictness } from './rules/evaluate.js';
import type { PolicyRule } from './rules/rule.js';
import { applyTaint, type Taint } from './taint/taint.js';

/** A validated tool call the agent wants to run. */
export interface ToolCallRequest {
  tool: string;
  effect: ToolEffect;
  input: unknown;
  /** What the tool declares about this very input (tools/describe-call.ts): the policy reads nothing else of it. */
  description: ToolCallDescription;
}

/** Where the call comes from, for rules that depend on it. */
export interface PolicyContext {
  user: UserIdentity;
  conversationId: string;
  channel: string;
  /** Set once the conversation has read untrusted text: write and external calls then ask (taint.ts). */
  tainted?: Taint;
  /** Whether the conversation read the home's data, and the web hosts it has seen (egress.ts). */
  egress?: Egress;
  /** The language of the person who asked (a BCP 47 tag): the reasons are worded in it; English when unset. */
  language?: string;
}

/** The policy's verdict on one call. */
export interface PolicyDecision {
  effect: 'allow' | 'ask' | 'deny';
  /** Why, in words a user (and the model) can read, in the context's language. */
  reason: string;
  /** The same reason before it is put in a language: an approver reading another language reads it worded again. */
  reasonWords?: Wording;
  /** Which rule decided: `default`, `fallback`, `option rules[2]`, `saved rule 7`, `entity_access`, `mail_recipients`. */
  rule?: string;
}

/** Decides whether a tool call may run. */
export interface Policy {
  decide(call: ToolCallRequest, context: PolicyContext): PolicyDecision;
}

/** What the rule-based policy is built from. */
export interface PolicyDeps {
  /** The user's rules, read on every decision (options plus saved rules); tried before the defaults. */
  userRules?: () => readonly PolicyRule[];
  defaults?: readonly PolicyRule[];
  fallback?: readonly PolicyRule[];
}

/** A rule's reason: a built-in rule's from the message table, a user's as written. */
function describeRule(rule: PolicyRule): Wording {
  if (rule.reasonText) return rule.reasonText;
  if (rule.reason) return rule.reason;
  const what = `${rule.effect} ${rule.tool}${rule.match ? ` where ${rule.match}` : ''}`;
  return `${rule.source} (${what})`;
}

/** A verdict that asks or allows, its reason worded in `language` and kept for other readers. */
function verdict(effect: PolicyDecision['effect'], words: Wording, rule: string, language: string | undefined): PolicyDecision {
  return { effect, reason: wordIn(language, words), reasonWords: words, rule };
}

interface RecordVerdict {
  rule: PolicyRule | undefined;
  target: string | undefined;
}

const noRule = (language: string | undefined): PolicyDecision => verdict('ask', { key: 'policy.no_rule' }, 'fallback', language);

/** A verdict of the rules, with what the egress guard needs from them. */
interface RulesVerdict {
  decision: PolicyDecision;
  /** The host the call opens (its `host` fact), if any. */
  host?: string | undefined;
  /** Whether the user's own rules allow every combination, each rule naming the host or URL. */
  allowedByName: boolean;
}

/** A user rule that allows by naming the host or the address (as "always allow" saves them). */
function namesHost(rule: PolicyRule | undefined, userRules: readonly PolicyRule[]): boolean {
  return rule !== undefined && rule.effect === 'allow' && userRules.includes(rule) && rule.conditions.some((c) => !c.negate && (c.key === 'host' || c.key === 'url'));
}

/** The strictest verdict, naming every target that got it from the same rule. */
function combine(verdicts: readonly RecordVerdict[], language: string | undefined): PolicyDecision {
  let worst: PolicyRule | undefined;
  for (const { rule } of verdicts) {
    if (!rule) return noRule(language);
    if (!worst || strictness(rule.effect) > strictness(worst.effect)) worst = rule;
  }
  if (!worst) return noRule(language);
  const targets = [...new Set(verdicts.flatMap((v) => (v.rule === worst && v.target ? [v.target] : [])))];
  const reason = describeRule(worst);
  return verdict(worst.effect, targets.length ? { key: 'policy.for_targets', params: { reason, targets: targets.join(', ') } } : reason, worst.source, language);
}

/**
 * The rule-based policy. Pure apart from reading `userRules()`; it knows a call only through the
 * facts and annotations its tool declared (ToolCallRequest.description). Every combination of
 * facts gets the verdict of the first layer with a matching rule (user rules, defaults, fallback),
 * and the strictest verdict over the combinations is the decision. In a conversation that read the
 * home's data or untrusted text, an address on a new host then asks (egress.ts), and a tainted
 * conversation turns an allowed write or external call into a question (taint.ts).
 */
export function createPolicy(deps: PolicyDeps): Policy {
  const defaults = deps.defaults ?? DEFAULT_RULES;
  const fallback = deps.fallback ?? FALLBACK_RULES;
  const decideByRules = (call: ToolCallRequest, language: string | undefined): RulesVerdict => {
    const facts = call.description.facts;
    const host = facts.base['host'];
    if (facts.refusal) return { decision: { effect: 'deny', reason: facts.refusal, rule: facts.refusedBy ?? 'entity_access' }, host, allowedByName: false };
    const records = expandFacts(facts);
    if (!records) return { decision: verdict('ask', { key: 'policy.too_many' }, 'fallback', language), host, allowedByName: false };
    const userRules = deps.userRules?.() ?? [];
    const layers = [userRules, defaults, fallback];
    const verdicts = records.map((record) => ({ rule: evaluateLayers(layers, call.tool, record), target: record['entity_id'] ?? record['to'] }));
    return { decision: combine(verdicts, language), host, allowedByName: verdicts.every((v) => namesHost(v.rule, userRules)) };
  };
  return {
    decide(call, context) {
      const { decision, host, allowedByName } = decideByRules(call, context.language);
      const guarded = applyEgressGuard(decision, { host, allowedByName }, context.egress, context.tainted !== undefined, context.language);
      return applyTaint(guarded, call.description.annotations, context.tainted, context.language);
    },
  };
}

/** The default policy with the default rules; for tests and tools-only setups. */
export function createDefaultPolicy(deps: PolicyDeps = {}): Policy {
  return createPolicy(deps);
}
