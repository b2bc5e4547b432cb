import { describe, expect, it } from 'vitest';
import { closeDanglingToolUses, trimHistory } from '../../../src/agent/history.js';
import type { ChatMessage } from '../../../src/contracts/messages.js';

const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const toolUse = (id: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'x', input: {} }] });
const toolResult = (id: string): ChatMessage => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] });
const say = (text: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });

describe('trimHistory', () => {
  it('keeps everything under the limit', () => {
    const history = [user('a'), say('b')];
    expect(trimHistory(history, 10)).toBe(history);
  });

  it('never starts on a tool_result, so no tool_use loses its answer', () => {
    const history = [user('one'), toolUse('t1'), toolResult('t1'), say('done'), user('two'), toolUse('t2'), toolResult('t2'), say('ok')];
    const trimmed = trimHistory(history, 6);
    expect(trimmed[0]).toEqual(user('two'));
    expect(trimmed).toHaveLength(4);
  });
});

describe('closeDanglingToolUses', () => {
  it('answers only the tool_use blocks that have no result yet', () => {
    const assistant: ChatMessage = {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'a', name: 'x', input: {} },
        { type: 'tool_use', id: 'b', name: 'x', input: {} },
      ],
    };
    expect(closeDanglingToolUses(assistant, new Set(['a']), 'cancelled')).toEqual([
      { type: 'tool_result', tool_use_id: 'b', content: 'cancelled', is_error: true },
    ]);
  });
});
