/**
 * The rules people save from the panel ("Always allow"), for the HTTP channel: list, build the rule
 * for an approved call, save (validated, audited) and delete. Only approvers may change them.
 */
import type { UserIdentity } from '../../contracts/identity.js';
import type { NewSavedRule, SavedRule } from '../../store/rules.js';
import { allowRuleFor, type AllowRule } from './allow-rule.js';
import type { ToolCallDescription } from '../../tools/tool.js';
import { saveRule } from './user-rules.js';
import type { AuditWriter } from '../../contracts/audit.js';

/** Collaborators of the saved rules. */
export interface SavedRulesAccessDeps {
  store: { list(): SavedRule[]; add(rule: NewSavedRule): SavedRule; delete(id: number): boolean };
  /** What a stored call's tool declares about it now (ToolRegistry.describe), so the rule names what the policy will test; its words in `language`. */
  describe(tool: string, input: unknown, language?: string): Pick<ToolCallDescription, 'facts' | 'rule'>;
  /** Approvers (HA admins and the `approvers` option), as last known: what the rules page shows. */
  mayManage(user: UserIdentity): Promise<boolean>;
  /** The same, asked of HA now: deleting a rule; throws when HA cannot say. */
  mayManageNow(user: UserIdentity): Promise<boolean>;
  audit: AuditWriter;
}

/** Saved rules as the HTTP channel uses them (structurally its RulesAccess). */
export interface SavedRulesAccess {
  list(): SavedRule[];
  mayManage(user: UserIdentity): Promise<boolean>;
  mayManageNow(user: UserIdentity): Promise<boolean>;
  /** The rule for a stored call, or why there cannot be one, in `language` (the approver's). */
  allowRuleFor(call: { tool: string; input: unknown }, language?: string): AllowRule;
  add(rule: { effect: 'allow'; tool: string; match: string; note?: string }, user: UserIdentity): SavedRule;
  remove(id: number, user: UserIdentity): boolean;
}

function who(user: UserIdentity): string {
  return user.displayName ?? user.name ?? user.id;
}

/** Builds the saved-rules access over a rule store. */
export function createSavedRulesAccess(deps: SavedRulesAccessDeps): SavedRulesAccess {
  return {
    list: () => deps.store.list(),
    mayManage: (user) => deps.mayManage(user),
    mayManageNow: (user) => deps.mayManageNow(user),
    allowRuleFor: (call, language) => allowRuleFor(call.tool, deps.describe(call.tool, call.input, language), language),
    add(rule, user) {
      const saved = saveRule(deps.store, { effect: rule.effect, tool: rule.tool, match: rule.match, reason: rule.note }, user.id);
      deps.audit.record({ actor: user.id, kind: 'config', tool: saved.tool, decision: 'rule saved', detail: `${saved.effect} ${saved.tool} ${saved.match} (rule ${saved.id}, by ${who(user)})` });
      return saved;
    },
    remove(id, user) {
      const rule = deps.store.list().find((r) => r.id === id);
      if (!rule || !deps.store.delete(id)) return false;
      deps.audit.record({ actor: user.id, kind: 'config', tool: rule.tool, decision: 'rule deleted', detail: `${rule.effect} ${rule.tool} ${rule.match} (rule ${id}, by ${who(user)})` });
      return true;
    },
  };
}
