import { HaError } from '../errors.js';
import type { UserIdentity } from '../contracts/identity.js';

/** Sends one HA WebSocket command and resolves with its result (e.g. `conn.sendMessagePromise`). */
export type SendMessage = (message: { type: string }) => Promise<unknown>;

/** Answers "is this HA user an administrator?" and "what is their name?" from HA's own user list. */
export interface UserDirectory {
  isAdmin(userId: string): Promise<boolean>;
  /** HA user id → the name HA shows for them (for activity logs and admins' lists). */
  names(): Promise<ReadonlyMap<string, string>>;
}

/** Options of the user directory. */
export interface UserDirectoryOptions {
  sendMessage: SendMessage;
  /** How long the user list is reused; default 60 s. */
  cacheTtlMs?: number;
}

/** One row of `config/auth/list`, reduced to what matters here. */
interface HaUser {
  id: string;
  name?: unknown;
  username?: unknown;
  is_owner?: boolean;
  is_active?: boolean;
  is_admin?: boolean;
  group_ids?: string[];
}

/** Whether HA would treat this user as an administrator. */
export function isHaAdmin(user: HaUser): boolean {
  if (user.is_active === false) return false;
  return user.is_owner === true || user.is_admin === true || (user.group_ids ?? []).includes('system-admin');
}

/** What one read of the user list gives. */
interface UserList {
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
    for (const row of result as HaUser[]) {
      if (!row || typeof row.id !== 'string') continue;
      if (isHaAdmin(row)) admins.add(row.id);
      const name = typeof row.name === 'string' && row.name.trim() ? row.name : typeof row.username === 'string' && row.username ? row.username : undefined;
      if (name) names.set(row.id, name);
    }
    cached = { admins, names, expiresAt: Date.now() + ttl };
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
  };
}

/** The admin check the HTTP channel wants: trust what a bearer check learned, else ask HA. */
export function createAdminCheck(directory: UserDirectory): (user: UserIdentity) => Promise<boolean> {
  return async (user) => {
    if (user.via === 'system') return false;
    if (user.isAdmin !== undefined) return user.isAdmin;
    return directory.isAdmin(user.id);
  };
}
