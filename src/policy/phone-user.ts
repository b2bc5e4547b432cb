/**
 * Who tapped a phone notification: the HA user in the event's context, looked up in HA's user
 * list so that the `approvers` option can name them by username and the audit shows a name.
 */
import { isHaAdmin, type SendMessage } from '../ha/user-directory.js';
import type { UserIdentity } from '../contracts/identity.js';

/** One row of `config/auth/list`, reduced to what matters here. */
interface HaUserRow {
  id?: unknown;
  username?: unknown;
  name?: unknown;
  is_owner?: boolean;
  is_admin?: boolean;
  is_active?: boolean;
  system_generated?: boolean;
  group_ids?: string[];
}

/** Turns an HA user id into the identity that decides, or undefined when no person has that id. */
export type PhoneUserResolver = (userId: string) => Promise<UserIdentity | undefined>;

/**
 * The identity of a user row; undefined for inactive users and HA's system-generated users
 * (the Supervisor's, an add-on's): a phone always belongs to a person.
 */
export function phoneIdentityOf(row: HaUserRow): UserIdentity | undefined {
  if (typeof row.id !== 'string' || row.is_active === false || row.system_generated === true) return undefined;
  const identity: UserIdentity = {
    id: row.id,
    isAdmin: isHaAdmin({ ...row, id: row.id }),
    // HA vouched for this user: the companion app talks to HA with the user's own token.
    via: 'bearer',
  };
  if (typeof row.username === 'string') identity.name = row.username;
  if (typeof row.name === 'string') identity.displayName = row.name;
  return identity;
}

/** Reads `config/auth/list` at each tap (taps are rare; a stale cache could keep a removed admin). */
export function createPhoneUserResolver(sendMessage: SendMessage): PhoneUserResolver {
  return async (userId) => {
    const rows = await sendMessage({ type: 'config/auth/list' });
    if (!Array.isArray(rows)) return undefined;
    const row = (rows as HaUserRow[]).find((candidate) => candidate?.id === userId);
    return row ? phoneIdentityOf(row) : undefined;
  };
}
