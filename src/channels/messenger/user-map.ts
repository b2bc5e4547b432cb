/**
 * Who wrote in a messenger: the `telegram_users` / `slack_users` options map a messenger user to
 * an HA user (id or username), so policy, approvals and the audit know who asked. Anyone not
 * mapped gets a synthetic identity (`telegram:<id>`) that HA does not know: never an approver.
 */
import type { UserIdentity } from '../../contracts/identity.js';
import type { UserDirectory } from '../../ha/user-directory.js';

/** Finds a person in HA by user id or username. */
export type HaUserLookup = (ref: string) => Promise<UserIdentity | undefined>;

/** A messenger user. */
export interface ChatPerson {
  channel: 'telegram' | 'slack';
  /** The messenger's own user id. */
  externalId: string;
  /** How the messenger names them, for the audit of unmapped people. */
  name?: string;
}

/** `"123456=alice"` entries as messenger id → HA user id or username (the option is checked at load). */
export function parseUserMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) map.set(entry.slice(0, at).trim(), entry.slice(at + 1).trim());
  }
  return map;
}

/** Reads the user list at each lookup, never the cache (messages from mapped people are few; a removed admin must not linger). */
export function createHaUserLookup(directory: Pick<UserDirectory, 'person'>): HaUserLookup {
  return (ref) => directory.person(ref, 'id_or_username');
}

/** The identity nobody in HA vouches for: `via: 'system'` so it can never approve. */
export function unmappedIdentity(person: ChatPerson): UserIdentity {
  return { id: `${person.channel}:${person.externalId}`, displayName: person.name ?? `${person.channel} user ${person.externalId}`, via: 'system' };
}

/**
 * The HA identity of a messenger user when mapped and found in HA; `undefined` otherwise (the
 * caller falls back to `unmappedIdentity`; a failing HA never grants more).
 */
export async function mappedIdentity(person: ChatPerson, map: ReadonlyMap<string, string>, lookup: HaUserLookup): Promise<UserIdentity | undefined> {
  const ref = map.get(person.externalId);
  if (ref === undefined) return undefined;
  try {
    return await lookup(ref);
  } catch {
    return undefined;
  }
}

/** The identity a message or a button press acts as. */
export async function identityOf(person: ChatPerson, map: ReadonlyMap<string, string>, lookup: HaUserLookup): Promise<UserIdentity> {
  return (await mappedIdentity(person, map, lookup)) ?? unmappedIdentity(person);
}
