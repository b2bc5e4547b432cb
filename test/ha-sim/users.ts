/** A Home Assistant user the sim knows, reached through an access token. */
export interface SimUser {
  id: string;
  name: string;
  username: string;
  is_admin: boolean;
  is_owner?: boolean;
}

/** Default tokens: an admin/owner (Alice) and a regular user (Bob). */
export function defaultTokens(): Record<string, SimUser> {
  return {
    'sim-admin-token': { id: 'user-admin', name: 'Alice', username: 'alice', is_admin: true, is_owner: true },
    'sim-user-token': { id: 'user-bob', name: 'Bob', username: 'bob', is_admin: false, is_owner: false },
  };
}

/** Every distinct user behind the tokens, in token order. */
export function usersOf(tokens: Record<string, SimUser>): SimUser[] {
  const seen = new Map<string, SimUser>();
  for (const user of Object.values(tokens)) if (!seen.has(user.id)) seen.set(user.id, user);
  return [...seen.values()];
}

/** `auth/current_user` answer. */
export function currentUserInfo(user: SimUser): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    is_owner: user.is_owner ?? false,
    is_admin: user.is_admin,
    credentials: [{ auth_provider_type: 'homeassistant', auth_provider_id: null }],
    mfa_modules: [{ id: 'totp', name: 'Authenticator app', enabled: false }],
  };
}

/** `config/auth/list` entry, as HA's `_user_info` builds it (admin shows as group `system-admin`). */
export function listedUserInfo(user: SimUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    is_owner: user.is_owner ?? false,
    is_active: true,
    local_only: false,
    system_generated: false,
    group_ids: [user.is_admin ? 'system-admin' : 'system-users'],
    credentials: [{ type: 'homeassistant' }],
  };
}
