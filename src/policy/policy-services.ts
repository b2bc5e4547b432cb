/**
 * Builds the policy and the approvals from the options, for main.ts: one call instead of a dozen
 * constructors in the composition root.
 */
import type { Options } from '../config/options.js';
import type { EventEmitter } from '../events/bus.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { Logger } from '../logger.js';
import { ApprovalStore } from '../store/approvals.js';
import type { Database } from '../store/database.js';
import { RuleStore } from '../store/rules.js';
import { createApprovalGate, type PolicyApprovalGate } from './approvals/approval-gate.js';
import { ApprovalService, type ApprovalEvents } from './approvals/approvals.js';
import type { DescribeStoredCall } from './approvals/approval-words.js';
import { createApproverCheck, createCurrentApproverCheck } from './approvals/approvers.js';
import { createPolicy, type Policy } from './policy.js';
import type { PolicyRule } from './rules/rule.js';
import { parseUserRules } from './rules/rule-syntax.js';
import { createUserRules } from './rules/user-rules.js';
import type { AuditWriter } from '../contracts/audit.js';

/** What the policy services are built from. */
export interface PolicyServicesDeps {
  db: Database;
  audit: AuditWriter;
  isAdmin(user: UserIdentity): Promise<boolean>;
  /** The person HA knows by this user id, read now (see approvers.ts); a decision asks it. */
  personNow(userId: string): Promise<UserIdentity | undefined>;
  options: Pick<Options, 'rules' | 'approvers' | 'approval_timeout_min'>;
  logger: Logger;
  /** Where the approvals announce their changes. */
  events: EventEmitter<ApprovalEvents>;
  /** A stored call described again by its tool, in a reader's language (approvers read what and why in theirs). */
  describeStored?: DescribeStoredCall;
  /** Tests shorten the approval timeout and set the clock here. */
  approvalTimeoutMs?: number;
  now?: () => Date;
}

/** The policy, the approvals service (HTTP, socket) and the gate (agent), sharing one store. */
export interface PolicyServices {
  policy: Policy;
  approvals: ApprovalService;
  gate: PolicyApprovalGate;
  rules: RuleStore;
  /** The user layer the policy reads: the `rules` option, then the saved rules. */
  userRules: () => readonly PolicyRule[];
  /** HA admin or listed approver, as last known: who sees every approval, and who saves rules (a decision asks HA again). */
  canApprove(user: UserIdentity): Promise<boolean>;
  /** The same, asked of HA now (a decision, deleting a saved rule); throws when HA cannot say. */
  canApproveNow(user: UserIdentity): Promise<boolean>;
}

/** Throws ConfigError naming the rule when the `rules` option does not parse. */
export function createPolicyServices(deps: PolicyServicesDeps): PolicyServices {
  const logger = deps.logger.child({ module: 'policy' });
  const rules = new RuleStore(deps.db);
  const userRules = createUserRules({ optionRules: parseUserRules(deps.options.rules), saved: rules, logger });
  const canApprove = createApproverCheck({ isAdmin: deps.isAdmin, approvers: deps.options.approvers });
  const canApproveNow = createCurrentApproverCheck({ personNow: deps.personNow, approvers: deps.options.approvers });
  const approvals = new ApprovalService({
    store: new ApprovalStore(deps.db, deps.now ? { now: deps.now } : {}),
    audit: deps.audit,
    canApprove,
    canApproveNow,
    timeoutMs: deps.approvalTimeoutMs ?? deps.options.approval_timeout_min * 60_000,
    events: deps.events,
    logger,
    ...(deps.describeStored && { describe: deps.describeStored }),
    ...(deps.now && { now: deps.now }),
  });
  return {
    policy: createPolicy({ userRules }),
    approvals,
    gate: createApprovalGate({ service: approvals }),
    rules,
    userRules,
    canApprove,
    canApproveNow,
  };
}
