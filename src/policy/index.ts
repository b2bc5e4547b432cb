/**
 * The policy, as the rest of Majordome sees it: rules (rules/), approvals (approvals/), taint and
 * egress (taint/), the facts a rule matches (facts/) and secret redaction. Modules outside
 * src/policy import this file only (eslint.config.js enforces it).
 */
export * from './policy.js';
export * from './policy-services.js';
export * from './redacting-audit.js';
export * from './secrets.js';
export * from './approvals/approvals.js';
export * from './facts/call-facts.js';
export * from './rules/evaluate.js';
export * from './rules/rule.js';
export * from './rules/saved-rules-access.js';
export * from './taint/egress.js';
export * from './taint/egress-tracker.js';
export * from './taint/instruction-scan.js';
export * from './taint/taint.js';
