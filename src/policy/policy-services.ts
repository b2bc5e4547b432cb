/**
 * Builds the policy and the approvals from the options, for main.ts: one call instead of a dozen
 * constructors in the composition root.
 */
import type { Options } from '../config/options.js';
import type { EventEmitter } from '../events/bus.js';
import type { UserIdentity } from '../identity.js';
import type { Logger } from '../logger.js';
import { ApprovalStore } from '../store/approvals.js';
import type { Database } from '../store/database.js';
import { RuleStore } from '../store/rules.js';
import { createApprovalGate, type PolicyApprovalGate } from './approval-gate.js';
import { ApprovalService, type ApprovalAudit, type ApprovalEvents } from './approvals.js';
import { createApproverCheck } from './approvers.js';
import { createFactResolver, standardFactReaders, type FactResolver } from './fact-resolver.js';
import { serviceCallFacts, type HomeLookup } from './home-facts.js';
import type { BrowserFactsHook } from './tool-facts.js';
import { createPolicy, type Policy } from './policy.js';
import type { PolicyRule } from './rule.js';
import { parseUserRules } from './rule-syntax.js';
import { createUserRules } from './user-rules.js';

/** What the policy services are built from. */
export interface PolicyServicesDeps {
  db: Database;
  audit: ApprovalAudit;
  /** The entity index: target expansion, device classes and friendly names. */
  home: HomeLookup & { get(entityId: string): { name: string } | undefined };
  temperatureUnit: () => string | undefined;
  /** What the browser knows about a `browser_act` target (browser-facts.ts); absent without a browser. */
  browserFacts?: BrowserFactsHook;
  isAdmin(user: UserIdentity): Promise<boolean>;
  options: Pick<Options, 'rules' | 'approvers' | 'approval_timeout_min'>;
  /** Majordome's data folder: shell commands reading it always ask, and their approval says why; `/data` by default. */
  dataDir?: string;
  logger: Logger;
  /** Where the approvals announce their changes. */
  events: EventEmitter<ApprovalEvents>;
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
  /** The facts the policy matches, for whatever else reads them (saved rules): built once, here. */
  facts: FactResolver;
  /** HA admin or listed approver: who decides approvals, and who saves rules. */
  canApprove(user: UserIdentity): Promise<boolean>;
}

/**
 * What an `ha_call_service` call acts on: its target expanded to entities (an area or a device
 * grows when entities are added to it). Other tools act on exactly their input.
 */
function createScopeReader(home: HomeLookup): (call: { tool: string; input: unknown }) => readonly string[] | undefined {
  return (call) => {
    if (call.tool !== 'ha_call_service') return undefined;
    const facts = serviceCallFacts({ lookup: home }, call.input);
    if (facts.refusal) return undefined;
    return (facts.groups[0] ?? []).map((record) => record['entity_id'] ?? '').filter(Boolean);
  };
}

/** Throws ConfigError naming the rule when the `rules` option does not parse. */
export function createPolicyServices(deps: PolicyServicesDeps): PolicyServices {
  const logger = deps.logger.child({ module: 'policy' });
  const rules = new RuleStore(deps.db);
  const userRules = createUserRules({ optionRules: parseUserRules(deps.options.rules), saved: rules, logger });
  const facts = createFactResolver(
    standardFactReaders({
      home: { lookup: deps.home, temperatureUnit: deps.temperatureUnit },
      ...(deps.browserFacts && { browserFacts: deps.browserFacts }),
      ...(deps.dataDir !== undefined && { dataDir: deps.dataDir }),
    }),
  );
  const canApprove = createApproverCheck({ isAdmin: deps.isAdmin, approvers: deps.options.approvers });
  const approvals = new ApprovalService({
    store: new ApprovalStore(deps.db, deps.now ? { now: deps.now } : {}),
    audit: deps.audit,
    canApprove,
    timeoutMs: deps.approvalTimeoutMs ?? deps.options.approval_timeout_min * 60_000,
    events: deps.events,
    logger,
    ...(deps.now && { now: deps.now }),
  });
  return {
    policy: createPolicy({ facts, userRules }),
    approvals,
    gate: createApprovalGate({
      service: approvals,
      nameOf: (id) => deps.home.get(id)?.name,
      actsOn: createScopeReader(deps.home),
      ...(deps.dataDir !== undefined && { dataDir: deps.dataDir }),
    }),
    rules,
    userRules,
    facts,
    canApprove,
  };
}
