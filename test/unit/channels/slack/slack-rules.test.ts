import { describe, expect, it } from 'vitest';
import { decodeButton } from '../../../../src/channels/messenger/approval-buttons.js';
import { approvalBlocks, escapeMrkdwn, resolvedText } from '../../../../src/channels/slack/slack-blocks.js';
import { shouldAnswer, withoutMentions } from '../../../../src/channels/slack/slack-channel.js';
import { threadKeyOf } from '../../../../src/channels/slack/slack-turn.js';

const base = { user: 'U1', text: 'hi', ts: '1.1', channel: 'C1' };

describe('Slack rules', () => {
  it('answers allowed members only, in allowed channels or direct messages, never bots or edits', () => {
    expect(shouldAnswer(base, ['U1'], ['C1'], false)).toBe(true);
    expect(shouldAnswer({ ...base, channel: 'C2' }, ['U1'], ['C1'], false)).toBe(false);
    expect(shouldAnswer({ ...base, channel: 'D9' }, ['U1'], [], true)).toBe(true);
    expect(shouldAnswer({ ...base, user: 'U2' }, ['U1'], ['C1'], true)).toBe(false);
    expect(shouldAnswer({ ...base, bot_id: 'B1' }, ['U1'], ['C1'], true)).toBe(false);
    expect(shouldAnswer({ ...base, subtype: 'message_changed' }, ['U1'], ['C1'], true)).toBe(false);
  });

  it('drops mentions from the text and keys a conversation per thread and person', () => {
    expect(withoutMentions('<@U0BOT> turn on <@U1> the light')).toBe('turn on  the light');
    expect(threadKeyOf({ channel: 'C1', threadTs: '1.1', user: { id: 'user-admin', via: 'bearer' } })).toBe('C1:1.1:user-admin');
  });

  it('shows Approve and Deny buttons carrying the approval id and nonce, with the summary escaped', () => {
    const blocks = approvalBlocks('Unlock <Front> & back', 'a1', 'n1');
    expect(JSON.stringify(blocks[0])).toContain('Unlock &lt;Front&gt; &amp; back');
    const buttons = (blocks[1] as { elements: Array<{ value: string }> }).elements;
    expect(buttons.map((b) => decodeButton(b.value))).toEqual([
      { approvalId: 'a1', nonce: 'n1', decision: 'approve' },
      { approvalId: 'a1', nonce: 'n1', decision: 'deny' },
    ]);
    expect(resolvedText('Unlock', 'expired', 'system')).toBe('Unlock: expired (system)');
    expect(escapeMrkdwn('a<b')).toBe('a&lt;b');
  });
});
