/**
 * Whether the user behind Majordome's own HA token is an administrator, as HA's
 * `auth/current_user` says (the security check's fact: HA shows its user list, who may approve,
 * only to administrators). Asked on the live connection; never waits for HA to come back.
 */
import type { HaConnection } from './ha-connection.js';
import { readCurrentUser } from './token-verifier.js';

/** True or false as HA says now; undefined while HA is not connected or does not answer. */
export async function readTokenAdmin(ha: Pick<HaConnection, 'status' | 'sendMessage'>): Promise<boolean | undefined> {
  if (!ha.status().connected) return undefined;
  try {
    const result = await ha.sendMessage<unknown>({ type: 'auth/current_user' }, { resendable: true });
    // The same reading of HA's answer a signed-in person's token check makes (admin or owner).
    const answer = readCurrentUser({ success: true, result });
    return answer.kind === 'user' ? answer.user.isAdmin === true : undefined;
  } catch {
    return undefined;
  }
}
