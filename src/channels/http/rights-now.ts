/**
 * The one gate of changing, rights-only actions (confirming a pairing, deleting a saved rule,
 * restoring a kept version, importing cookies, changing someone else's memory): the right is asked
 * of HA for this request, never taken from the verdict lists and pages remember (up to a minute
 * old), so a person HA just demoted cannot act from a page loaded before. When HA cannot say, the
 * action is refused (503 `ha_unavailable`), never allowed on old knowledge.
 */
import type { Response } from 'express';
import type { UserIdentity } from '../../contracts/identity.js';
import { describeError } from '../../errors.js';
import { t, type MessageKey } from '../../messages/messages.js';
import type { HttpLogger } from './deps.js';
import { sendError } from './http-errors.js';
import { requireUser } from './identity.js';

/** A right asked of HA now (`isAdminNow`, `mayManageNow`); throws when HA cannot say. */
export type RightCheck = (user: UserIdentity) => Promise<boolean>;

/** What HA said about a right for this request: yes, no, or it could not be asked. */
export type RightNow = 'yes' | 'no' | 'unknown';

/** Asks `check` for `user`; a failure to ask is `unknown` (logged), never a yes. */
export async function rightNow(check: RightCheck, user: UserIdentity, logger?: HttpLogger): Promise<RightNow> {
  try {
    return (await check(user)) ? 'yes' : 'no';
  } catch (err) {
    logger?.warn({ err: describeError(err), user: user.id }, 'Home Assistant could not say whether this person may act; refused');
    return 'unknown';
  }
}

/** Answers 503: HA could not be asked whether the person may do this, so nothing was done. */
export function refuseUnchecked(res: Response, language: string | undefined): void {
  sendError(res, 503, 'ha_unavailable', t(language, 'rights.unchecked'));
}

/**
 * Whether the request's person may go on, asked of HA now. Answers the refusal itself (403 with
 * `refusal`, or 503 when HA cannot say) and returns false; the route then stops.
 */
export async function allowedNow(res: Response, check: RightCheck, refusal: MessageKey, language: string | undefined, logger?: HttpLogger): Promise<boolean> {
  const right = await rightNow(check, requireUser(res), logger);
  if (right === 'unknown') refuseUnchecked(res, language);
  else if (right === 'no') sendError(res, 403, 'forbidden', t(language, refusal));
  return right === 'yes';
}
