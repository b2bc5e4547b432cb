import type { UserIdentity } from '../../contracts/identity.js';

/** Who may approve: HA administrators and the users listed in the `approvers` option. */
export interface ApproverDeps {
  isAdmin(user: UserIdentity): Promise<boolean>;
  /** HA user ids or usernames (the option `approvers`). */
  approvers: readonly string[];
}

/** Whether the user is listed by id or username (usernames ignore case, as HA's login does). */
export function isListedApprover(user: UserIdentity, approvers: readonly string[]): boolean {
  const name = user.name?.toLowerCase();
  return approvers.some((entry) => entry === user.id || (name !== undefined && entry.toLowerCase() === name));
}

/** A check for "may this user approve?"; automations (`system`) never may. */
export function createApproverCheck(deps: ApproverDeps): (user: UserIdentity) => Promise<boolean> {
  return async (user) => {
    if (user.via === 'system') return false;
    if (isListedApprover(user, deps.approvers)) return true;
    return deps.isAdmin(user);
  };
}

/** What the check made at the moment of a decision reads. */
export interface CurrentApproverDeps {
  /**
   * The person HA knows by this user id, read from HA now (never a cache); undefined when HA does
   * not know them or they are inactive. Throws when HA cannot be asked.
   */
  personNow(userId: string): Promise<UserIdentity | undefined>;
  /** HA user ids or usernames (the option `approvers`). */
  approvers: readonly string[];
}

/**
 * "May this user approve?" asked of HA when a decision is made: the admin rights a list or a token
 * check remembered may be a minute old, and a just-demoted admin must not decide on them. Throws
 * when HA cannot say (the caller refuses: a decision is never granted on old knowledge).
 */
export function createCurrentApproverCheck(deps: CurrentApproverDeps): (user: UserIdentity) => Promise<boolean> {
  return async (user) => {
    if (user.via === 'system') return false;
    const person = await deps.personNow(user.id);
    if (!person) return false;
    return isListedApprover(person, deps.approvers) || person.isAdmin === true;
  };
}

/**
 * The rule for deciding: approvers may approve or deny anything; the requester may withdraw
 * (deny) their own request but not approve it; nobody else may decide.
 */
export function mayDecide(decision: 'approve' | 'deny', who: { isApprover: boolean; isRequester: boolean }): boolean {
  if (who.isApprover) return true;
  return decision === 'deny' && who.isRequester;
}
