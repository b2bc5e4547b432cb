import { describe, expect, it } from 'vitest';
import { normalizeApproval } from '../../../panel/src/data/approvals.js';

describe('approval views from the server', () => {
  it('reads the snake_case view', () => {
    expect(
      normalizeApproval({
        id: 'a1',
        tool: 'ha_call_service',
        summary: 'Unlock the front door',
        reason: 'Unlocking a lock needs a human yes',
        input: { domain: 'lock', service: 'unlock' },
        status: 'pending',
        conversation_id: 'c1',
        created_at: '2026-03-01T12:00:00Z',
        expires_at: '2026-03-01T12:10:00Z',
      }),
    ).toEqual({
      id: 'a1',
      tool: 'ha_call_service',
      summary: 'Unlock the front door',
      reason: 'Unlocking a lock needs a human yes',
      input: { domain: 'lock', service: 'unlock' },
      status: 'pending',
      conversationId: 'c1',
      createdAt: '2026-03-01T12:00:00Z',
      expiresAt: '2026-03-01T12:10:00Z',
    });
  });

  it('accepts other usual spellings of id, status and decider', () => {
    expect(normalizeApproval({ approval_id: 'a2', tool: 'mail_send', decision: 'deny', by: 'bob' })).toMatchObject({
      id: 'a2',
      status: 'denied',
      decidedBy: 'bob',
      summary: 'mail_send',
    });
    expect(normalizeApproval({ id: 'a3', tool: 't', status: 'approved' })?.status).toBe('approved');
    expect(normalizeApproval({ id: 'a4', tool: 't', status: 'weird' })?.status).toBe('pending');
  });

  it('skips anything without an id', () => {
    expect(normalizeApproval({ tool: 'x' })).toBeUndefined();
    expect(normalizeApproval(null)).toBeUndefined();
    expect(normalizeApproval('a1')).toBeUndefined();
  });
});
