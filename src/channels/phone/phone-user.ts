/**
 * Who tapped a phone notification: the HA user in the event's context, looked up in HA's user
 * list (ha/user-directory.ts) so that the `approvers` option can name them by username and the
 * audit shows a name.
 */
import type { UserIdentity } from '../../contracts/identity.js';
import type { UserDirectory } from '../../ha/user-directory.js';

/** Turns an HA user id into the identity that decides, or undefined when no person has that id. */
export type PhoneUserResolver = (userId: string) => Promise<UserIdentity | undefined>;

/** Reads the user list at each tap, never the cache (taps are rare; a stale list could keep a removed admin). */
export function createPhoneUserResolver(directory: Pick<UserDirectory, 'person'>): PhoneUserResolver {
  return (userId) => directory.person(userId, 'id');
}
