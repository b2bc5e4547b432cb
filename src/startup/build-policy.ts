/**
 * Part of the composition root (main.ts): the policy, the approvals and their phones, and the
 * rules saved from the panel. The approver check is built once, by the policy services, and reused
 * by the phones and the saved rules; what a call touches is what its tool declares (`describe`).
 */
import type { Options } from '../config/options.js';
import type { EventBus } from '../events/bus.js';
import type { HaConnection } from '../ha/ha-connection.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { Logger } from '../logger.js';
import { type ApprovalEvents, createPolicyServices, type PolicyServices, createSavedRulesAccess, type SavedRulesAccess } from '../policy/index.js';
import { PhoneApprovals } from '../channels/phone/phone-approvals.js';
import { createPhoneUserResolver } from '../channels/phone/phone-user.js';
import type { Database } from '../store/database.js';
import type { ToolCallDescription } from '../tools/tool.js';
import type { AuditWriter } from '../contracts/audit.js';
import type { UserDirectory } from '../ha/user-directory.js';

/** What the policy is built from. */
export interface PolicyWiringDeps {
  db: Database;
  options: Options;
  /** Approvals' audit rows (redacted). */
  approvalAudit: AuditWriter;
  /** Saved rules' audit rows. */
  ruleAudit: AuditWriter;
  ha: HaConnection;
  /** What a stored call declares, read again through its tool (the registry's describe). */
  describe(tool: string, input: unknown, language?: string): Pick<ToolCallDescription, 'facts' | 'rule'>;
  /** The same, for a call whose tool is still there and whose input still fits; undefined otherwise (an approval then keeps its stored words). */
  describeKnown(tool: string, input: unknown, language: string): Pick<ToolCallDescription, 'summary' | 'actsOn'> | undefined;
  isAdmin(user: UserIdentity): Promise<boolean>;
  /** HA's user list: phone taps, messenger users and whoever decides an approval are looked up there. */
  directory: Pick<UserDirectory, 'person'>;
  logger: Logger;
  events: EventBus<ApprovalEvents>;
  approvalTimeoutMs?: number;
}

/** The policy services, the phones that carry approvals, and the saved rules' access. */
export interface PolicyWiring {
  guard: PolicyServices;
  phone: PhoneApprovals;
  savedRules: SavedRulesAccess;
}

/** Builds the policy side of Majordome; nothing starts here (main.ts's lifecycle does). */
export function buildPolicy(deps: PolicyWiringDeps): PolicyWiring {
  const { ha, options } = deps;
  const guard = createPolicyServices({
    db: deps.db,
    audit: deps.approvalAudit,
    isAdmin: deps.isAdmin,
    personNow: (userId) => deps.directory.person(userId, 'id'),
    options,
    logger: deps.logger,
    events: deps.events,
    describeStored: deps.describeKnown,
    ...(deps.approvalTimeoutMs !== undefined && { approvalTimeoutMs: deps.approvalTimeoutMs }),
  });
  const phone = new PhoneApprovals({
    approvals: guard.approvals,
    events: deps.events,
    services: options.approval_notify,
    ha,
    resolveUser: createPhoneUserResolver(deps.directory),
    canApprove: guard.canApprove,
    logger: deps.logger.child({ module: 'phone-approvals' }),
    language: options.language,
  });
  // "Always allow" from the panel: rules read the same facts the policy tests, as each tool declares them; approvers save them; deleting one asks HA who the person is now.
  const savedRules = createSavedRulesAccess({ store: guard.rules, describe: deps.describe, mayManage: guard.canApprove, mayManageNow: guard.canApproveNow, audit: deps.ruleAudit });
  return { guard, phone, savedRules };
}
