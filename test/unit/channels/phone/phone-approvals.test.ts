import { describe, expect, it } from 'vitest';
import {
  approvalMessage,
  buildApprovalNotification,
  buildClearNotification,
  createNonce,
  createTicket,
  matchPhoneAction,
  readLateAction,
  type PhoneTicket,
} from '../../../../src/channels/phone/phone-actions.js';
import { personIdentityOf } from '../../../../src/ha/user-directory.js';

const NONCE = '0123456789abcdef0123456789abcdef';
const OTHER_NONCE = 'fedcba9876543210fedcba9876543210';
const ticket = createTicket('a1', NONCE);
const tickets: ReadonlyMap<string, PhoneTicket> = new Map([[NONCE, ticket]]);

function tap(action: unknown, userId: unknown = 'user-admin', extra: Record<string, unknown> = {}) {
  return { event_type: 'mobile_app_notification_action', data: { action, ...extra }, context: { id: 'c1', parent_id: null, user_id: userId } };
}

describe('the approval notification', () => {
  const notice = { id: 'a1', summary: 'Unlock Front Door (lock.front_door)', reason: 'unlocking or opening a lock needs a yes', requesterName: 'Bob' };

  it('says what would run, why, and who asked', () => {
    expect(approvalMessage(notice)).toBe('Unlock Front Door (lock.front_door). Unlocking or opening a lock needs a yes. Asked by Bob.');
  });

  it('offers Approve and Deny behind the lock screen, with the nonce in both action ids and a tag per approval', () => {
    const sent = buildApprovalNotification(notice, ticket);
    expect(sent).toMatchObject({
      title: 'Majordome needs your approval',
      data: {
        tag: 'majordome-approval-a1',
        actions: [
          { action: `MAJORDOME_APPROVE_${NONCE}`, title: 'Approve', authenticationRequired: true },
          { action: `MAJORDOME_DENY_${NONCE}`, title: 'Deny', destructive: true, authenticationRequired: true },
        ],
      },
    });
  });

  it('is cleared by its tag', () => {
    expect(buildClearNotification('majordome-approval-a1')).toEqual({ message: 'clear_notification', data: { tag: 'majordome-approval-a1' } });
  });

  it('gets a fresh nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('reading a tapped action', () => {
  it('approves or denies the approval its nonce belongs to, for the user in the context', () => {
    expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${NONCE}`), tickets)).toEqual({ ok: true, approvalId: 'a1', decision: 'approve', userId: 'user-admin' });
    expect(matchPhoneAction(tap(`MAJORDOME_DENY_${NONCE}`, 'user-bob'), tickets)).toEqual({ ok: true, approvalId: 'a1', decision: 'deny', userId: 'user-bob' });
  });

  it('accepts the tag Android sends when it is the approval’s own', () => {
    expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${NONCE}`, 'user-admin', { tag: 'majordome-approval-a1' }), tickets)).toMatchObject({ ok: true });
  });

  it('ignores a wrong or unknown nonce', () => {
    expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${OTHER_NONCE}`), tickets)).toEqual({ ok: false, reason: 'unknown_nonce' });
    expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${NONCE}`), new Map())).toEqual({ ok: false, reason: 'unknown_nonce' });
  });

  it('ignores actions that are not Majordome’s or not well formed', () => {
    for (const action of ['OPEN_GARAGE', `MAJORDOME_APPROVE_${NONCE}x`, `MAJORDOME_MAYBE_${NONCE}`, `majordome_approve_${NONCE}`, 'MAJORDOME_APPROVE_', 42, undefined]) {
      expect(matchPhoneAction(tap(action), tickets)).toEqual({ ok: false, reason: 'not_majordome' });
    }
    expect(matchPhoneAction(null, tickets)).toEqual({ ok: false, reason: 'not_majordome' });
    expect(matchPhoneAction({ data: 'MAJORDOME' }, tickets)).toEqual({ ok: false, reason: 'not_majordome' });
  });

  it('ignores the right nonce under another approval’s tag', () => {
    expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${NONCE}`, 'user-admin', { tag: 'majordome-approval-a2' }), tickets)).toEqual({ ok: false, reason: 'wrong_tag' });
  });

  it('ignores a tap with no user (an automation, a webhook without a person)', () => {
    for (const user of [null, '', 7]) {
      expect(matchPhoneAction(tap(`MAJORDOME_APPROVE_${NONCE}`, user), tickets)).toEqual({ ok: false, reason: 'no_user' });
    }
    expect(matchPhoneAction({ data: { action: `MAJORDOME_APPROVE_${NONCE}` } }, tickets)).toEqual({ ok: false, reason: 'no_user' });
  });
});

describe('reading a tap that came too late', () => {
  const spent = new Map([[OTHER_NONCE, 'a2']]);

  it('finds the approval of a spent nonce, else the one its tag names, with who tapped', () => {
    expect(readLateAction(tap(`MAJORDOME_DENY_${OTHER_NONCE}`), spent)).toEqual({ approvalId: 'a2', userId: 'user-admin' });
    // After a restart nothing is spent: Android's tag still says which approval it was.
    expect(readLateAction(tap(`MAJORDOME_APPROVE_${NONCE}`, 'user-admin', { tag: 'majordome-approval-a9' }), new Map())).toEqual({ approvalId: 'a9', userId: 'user-admin' });
  });

  it('reads nothing without an approval, a user, or a Majordome action', () => {
    expect(readLateAction(tap(`MAJORDOME_APPROVE_${NONCE}`), new Map())).toBeUndefined();
    expect(readLateAction(tap(`MAJORDOME_DENY_${OTHER_NONCE}`, null), spent)).toBeUndefined();
    expect(readLateAction(tap('OPEN_GARAGE', 'user-admin', { tag: 'majordome-approval-a9' }), spent)).toBeUndefined();
    expect(readLateAction(tap(`MAJORDOME_APPROVE_${NONCE}`, 'user-admin', { tag: 'someone-else' }), new Map())).toBeUndefined();
  });
});

describe('who tapped', () => {
  it('is a person from HA’s user list, admin by group as HA reports it, named by username', () => {
    expect(personIdentityOf({ id: 'u1', username: 'alice', name: 'Alice', is_active: true, group_ids: ['system-admin'] })).toEqual({
      id: 'u1',
      name: 'alice',
      displayName: 'Alice',
      isAdmin: true,
      via: 'bearer',
    });
    expect(personIdentityOf({ id: 'u2', username: 'bob', name: 'Bob', group_ids: ['system-users'] })).toMatchObject({ isAdmin: false });
  });

  it('is never an inactive or system-generated user', () => {
    expect(personIdentityOf({ id: 'u1', is_active: false, group_ids: ['system-admin'] })).toBeUndefined();
    expect(personIdentityOf({ id: 'sup', name: 'Supervisor', system_generated: true, group_ids: ['system-admin'] })).toBeUndefined();
    expect(personIdentityOf({ name: 'no id' })).toBeUndefined();
  });
});
