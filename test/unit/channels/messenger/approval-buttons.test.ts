import { describe, expect, it } from 'vitest';
import { ButtonNonces, decodeButton, encodeButton, judgePress } from '../../../../src/channels/messenger/approval-buttons.js';

const ID = '0f8b3c1e-2d4a-4e5f-9a6b-7c8d9e0f1a2b';

describe('approval buttons', () => {
  it('round-trips a press within Telegram’s 64 bytes of callback data', () => {
    const nonces = new ButtonNonces();
    const data = encodeButton({ approvalId: ID, nonce: nonces.issue(ID), decision: 'approve' });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    const press = decodeButton(data);
    expect(press).toMatchObject({ approvalId: ID, decision: 'approve' });
    expect(nonces.check(press!)).toBe(true);
  });

  it('refuses other data, a wrong nonce, and any press once the approval is forgotten', () => {
    const nonces = new ButtonNonces();
    const nonce = nonces.issue(ID);
    expect(nonces.issue(ID)).toBe(nonce);
    expect(decodeButton('hello')).toBeUndefined();
    expect(decodeButton(`ap|${ID}|${nonce}|maybe`)).toBeUndefined();
    expect(nonces.check({ approvalId: ID, nonce: 'x'.repeat(nonce.length), decision: 'approve' })).toBe(false);
    nonces.forget(ID);
    expect(nonces.check({ approvalId: ID, nonce, decision: 'deny' })).toBe(false);
  });

  it('a press on an ended approval is told how it ended, whatever its nonce; a pending one needs ours', () => {
    const nonces = new ButtonNonces();
    const nonce = nonces.issue(ID);
    const ended = new Map([[ID, { text: 'This approval was already approved by Alice.' }]]);
    const closed = (id: string) => ended.get(id);
    const stale = 'stale';
    // After a restart the nonce is gone; a moment after another decision it may still be there.
    expect(judgePress(encodeButton({ approvalId: ID, nonce: 'unknown', decision: 'deny' }), new ButtonNonces(), closed, stale)).toEqual({ answer: 'This approval was already approved by Alice.' });
    expect(judgePress(encodeButton({ approvalId: ID, nonce, decision: 'deny' }), nonces, closed, stale)).toEqual({ answer: 'This approval was already approved by Alice.' });
    ended.clear();
    expect(judgePress(encodeButton({ approvalId: ID, nonce: 'x'.repeat(nonce.length), decision: 'approve' }), nonces, closed, stale)).toEqual({ answer: stale });
    expect(judgePress('hello', nonces, closed, stale)).toEqual({ answer: stale });
    expect(judgePress(encodeButton({ approvalId: ID, nonce, decision: 'approve' }), nonces, closed, stale)).toEqual({ decide: { approvalId: ID, nonce, decision: 'approve' } });
  });
});
