import { describe, expect, it } from 'vitest';
import type { PanelApi } from '../../../panel/src/data/api.js';
import { approvalCardWords, listApprovals, normalizeApproval } from '../../../panel/src/data/approvals.js';

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

describe('approvals in the panel’s language', () => {
  function recordingApi(): PanelApi & { paths: string[] } {
    const paths: string[] = [];
    return {
      paths,
      fetchJson: <T>(path: string) => {
        paths.push(path);
        return Promise.resolve({ approvals: [] } as T);
      },
      fetchBlob: () => Promise.reject(new Error('approvals fetch no files')),
    };
  }

  it('lists them in the panel’s language, so an approver reads what and why in theirs', async () => {
    const api = recordingApi();
    await listApprovals(api, undefined, 'fr');
    await listApprovals(api, 'pending', 'fr-CA');
    await listApprovals(api);
    expect(api.paths).toEqual(['approvals?language=fr', 'approvals?status=pending&language=fr-CA', 'approvals']);
  });

  it('a card shows the listed words (the reader’s) over those the turn announced (the requester’s)', () => {
    const listed = normalizeApproval({ id: 'a1', tool: 'ha_call_service', summary: 'Déverrouiller Front Door', reason: 'déverrouiller demande un oui' });
    expect(approvalCardWords({ summary: 'Unlock Front Door' }, listed)).toEqual({ summary: 'Déverrouiller Front Door', reason: 'déverrouiller demande un oui' });
    // Not listed yet (the list is on its way): the turn's own words.
    expect(approvalCardWords({ summary: 'Unlock Front Door' }, undefined)).toEqual({ summary: 'Unlock Front Door' });
    expect(approvalCardWords(undefined, undefined)).toEqual({ summary: '' });
  });
});
