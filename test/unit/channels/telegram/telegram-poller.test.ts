import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../../src/channels/telegram/telegram-poller.js';
import { approvalKeyboard, chatKeyOf } from '../../../../src/channels/telegram/telegram-turn.js';

describe('Telegram helpers', () => {
  it('backs off polling doubling up to a minute', () => {
    expect([1, 2, 3, 10].map((n) => retryDelay(2000, n))).toEqual([2000, 4000, 8000, 60_000]);
  });

  it('keys a conversation per chat and per person', () => {
    expect(chatKeyOf(-100123, { id: 'user-admin', via: 'bearer' })).toBe('-100123:user-admin');
  });

  it('shows Approve and Deny under an approval', () => {
    const row = approvalKeyboard('a1', 'n1').inline_keyboard[0]!;
    expect(row.map((b) => b.text)).toEqual(['Approve', 'Deny']);
    expect(row.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['ap|a1|n1|y', 'ap|a1|n1|n']);
  });
});
