import { HaError } from '../errors.js';
import type { UserIdentity } from '../contracts/identity.js';

/** Sends one HA WebSocket command and resolves with its result (e.g. `conn.sendMessagePromise`). */
export type SendMessage = (message: { type: string }) => Promise<unknown>;

/** How `person` matches its reference: an HA user id, or an id or a username (any case). */
export type PersonMatch = 'id' | 'id_or_username';

/**
 * HA's own user list, the one place that reads it: "is this HA user an administrator?", "what is
 * their name?" and "who is this person?" (phone taps, messenger users).
 */
export interface UserDirectory {
  isAdmin(userId: string): Promise<boolean>;
  /** HA user id → the name HA shows for them (for activity logs and admins' lists). */
  names(): Promise<ReadonlyMap<string, string>>;
  /**
   * The person HA knows by this reference, read from HA now rather than from the cache (a person
   * about to decide or ask: a removed or demoted admin must not linger); undefined when unknown.
   */
  person(ref: string, match?: PersonMatch): Promise<UserIdentity | undefined>;
}

/** Options of the user directory. */
export interface UserDirectoryOptions {
  sendMessage: SendMessage;
  /** How long the user list is reused; default 60 s. */
  cacheTtlMs?: number;
}

/** One row of `config/auth/list`, reduced to what matters here. */
export interface HaUserRow {
  id?: unknown;
  name?: unknown;
  username?: unknown;
  is_owner?: boolean;
  is_active?: boolean;
  is_admin?: boolean;
  system_generated?: boolean;
  group_ids?: string[];
}

/** Whether HA would treat this user as an administrator. */
export function isHaAdmin(user: HaUserRow): boolean {
  if (user.is_active === false) return false;
  return user.is_owner === true || user.is_admin === true || (user.group_ids ?? []).includes('system-admin');
}

/**
 * The identity of a person's row; undefined for inactive users and HA's system-generated users
 * (the Supervisor's, an add-on's): a phone or a messenger account always belongs to a person.
 */
export function personIdentityOf(row: HaUserRow): UserIdentity | undefined {
  if (typeof row.id !== 'string' || row.is_active === false || row.system_generated === true) return undefined;
  const identity: UserIdentity = {
    id: row.id,
    isAdmin: isHaAdmin(row),
    // HA vouched for this user: the companion app and the user map name an HA user.
    via: 'bearer',
  };
  if (typeof row.username === 'string') identity.name = row.username;
  if (typeof row.name === 'string') identity.displayName = row.name;
  return identity;
}

/** Whether a row is the one `ref` names. */
function matches(row: HaUserRow, ref: string, match: PersonMatch): boolean {
  if (row.id === ref) return true;
  return match === 'id_or_username' && typeof row.username === 'string' && row.username.toLowerCase() === ref.toLowerCase();
}

/** What one read of the user list gives. */
interface UserList {
  rows: readonly HaUserRow[];
  admins: ReadonlySet<string>;
  names: ReadonlyMap<string, string>;
}

/**
 * Reads `config/auth/list` (admin-only in HA; the add-on's token is admin) at most once per TTL.
 * A failed read throws HaError and is not cached, so a brief outage doesn't stick.
 */
export function createUserDirectory(options: UserDirectoryOptions): UserDirectory {
  const ttl = options.cacheTtlMs ?? 60_000;
  let cached: UserList & { expiresAt: number } | undefined;
  let loading: Promise<UserList> | undefined;

  async function load(): Promise<UserList> {
    let result: unknown;
    try {
      result = await options.sendMessage({ type: 'config/auth/list' });
    } catch (err) {
      throw new HaError('ha_unavailable', 'Could not read the Home Assistant user list.', undefined, { cause: err });
    }
    if (!Array.isArray(result)) throw new HaError('ha_error', 'Home Assistant returned an unexpected user list.');
    const admins = new Set<string>();
    const names = new Map<string, string>();
    const rows = (result as unknown[]).filter((row): row is HaUserRow => typeof row === 'object' && row !== null && typeof (row as HaUserRow).id === 'string');
    for (const row of rows) {
      if (typeof row.id !== 'string') continue;
      if (isHaAdmin(row)) admins.add(row.id);
      const name = typeof row.name === 'string' && row.name.trim() ? row.name : typeof row.username === 'string' && row.username ? row.username : undefined;
      if (name) names.set(row.id, name);
    }
    cached = { rows, admins, names, expiresAt: Date.now() + ttl };
    return cached;
  }

  async function list(): Promise<UserList> {
    if (cached && cached.expiresAt > Date.now()) return cached;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  return {
    async isAdmin(userId) {
      return (await list()).admins.has(userId);
    },
    async names() {
      return (await list()).names;
    },
    async person(ref, match = 'id') {
      const row = (await load()).rows.find((candidate) => matches(candidate, ref, match));
      return row ? personIdentityOf(row) : undefined;
    },
  };
}

/** The admin check lists and pages read: trust what a bearer check learned, else HA's user list as last read (up to a minute old). */
export function createAdminCheck(directory: UserDirectory): (user: UserIdentity) => Promise<boolean> {
  return async (user) => {
    if (user.via === 'system') return false;
    if (user.isAdmin !== undefined) return user.isAdmin;
    return directory.isAdmin(user.id);
  };
}

/**
 * "Is this person an administrator?" asked of HA for one request, through the same fresh read of
 * the user list an approval decision makes (`person`): a changing, admin-only action must not rest
 * on a verdict a page or a token check remembered, since HA may have demoted the person since.
 * Throws when HA cannot be asked (the caller refuses: never granted on old knowledge).
 */
export function createCurrentAdminCheck(directory: Pick<UserDirectory, 'person'>): (user: UserIdentity) => Promise<boolean> {
  return async (user) => {
    if (user.via === 'system') return false;
    return (await directory.person(user.id, 'id'))?.isAdmin === true;
  };
}
