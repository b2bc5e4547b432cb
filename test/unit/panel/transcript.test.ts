import { describe, expect, it } from 'vitest';
import {
  appendStopped,
  appendUserMessage,
  applyChatEvent,
  transcriptFromHistory,
  type ChatEvent,
  type TranscriptItem,
} from '../../../panel/src/data/transcript.js';

function play(events: ChatEvent[], start: TranscriptItem[] = appendUserMessage([], 'Turn on the kitchen light')): TranscriptItem[] {
  return events.reduce<TranscriptItem[]>((items, event) => applyChatEvent(items, event), start);
}

describe('chat transcript', () => {
  it('streams text deltas into one answer that stops streaming when the turn is done', () => {
    const streaming = play([{ type: 'text', delta: 'The kitchen ' }, { type: 'text', delta: 'light is on.' }]);
    expect(streaming.at(-1)).toMatchObject({ kind: 'assistant', text: 'The kitchen light is on.', streaming: true });
    const done = applyChatEvent(streaming, { type: 'done', conversation_id: 'c1', text: 'The kitchen light is on.' });
    expect(done.at(-1)).toMatchObject({ kind: 'assistant', streaming: false });
    expect(done.filter((i) => i.kind === 'assistant')).toHaveLength(1);
  });

  it('shows a tool card per call, filled in by its result, with text before and after it', () => {
    const items = play([
      { type: 'text', delta: 'Let me check.' },
      { type: 'tool_call', id: 't1', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on' } },
      { type: 'tool_result', id: 't1', ok: true, summary: 'light.kitchen turned on' },
      { type: 'text', delta: 'Done.' },
    ]);
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(items[1]).toMatchObject({ streaming: false });
    expect(items[2]).toMatchObject({ name: 'ha_call_service', result: { ok: true, summary: 'light.kitchen turned on' } });
  });

  it('shows a running call waiting for Home Assistant until its result arrives', () => {
    const waiting = play([
      { type: 'tool_call', id: 't1', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on' } },
      { type: 'status', id: 't1', status: 'waiting_for_ha' },
    ]);
    expect(waiting.at(-1)).toMatchObject({ kind: 'tool', id: 't1', waiting: 'waiting_for_ha' });
    const done = applyChatEvent(waiting, { type: 'tool_result', id: 't1', ok: true, summary: 'Kitchen Light → on' });
    expect(done.at(-1)).toMatchObject({ kind: 'tool', result: { ok: true } });
    expect(done.at(-1)).not.toHaveProperty('waiting');
  });

  it('shows a call waiting for its approval until someone decides, then running again', () => {
    const unlock = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
    const waiting = play([
      { type: 'tool_call', id: 't1', name: 'ha_call_service', input: unlock },
      { type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock Front Door', input: unlock },
    ]);
    expect(waiting.find((i) => i.kind === 'tool')).toMatchObject({ id: 't1', waiting: 'waiting_for_approval' });
    const approved = applyChatEvent(waiting, { type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'Alice' });
    expect(approved.find((i) => i.kind === 'tool')).not.toHaveProperty('waiting');
    const denied = play([{ type: 'approval_resolved', approval_id: 'a1', decision: 'deny', by: 'Alice' }, { type: 'tool_result', id: 't1', ok: false, summary: 'Denied' }], waiting);
    expect(denied.find((i) => i.kind === 'tool')).toMatchObject({ result: { ok: false } });
    expect(denied.find((i) => i.kind === 'tool')).not.toHaveProperty('waiting');
  });

  it('marks as waiting only the call the approval is for', () => {
    const lamp = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.lamp' } };
    const unlock = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
    const items = play([
      { type: 'tool_call', id: 't1', name: 'ha_call_service', input: unlock },
      { type: 'tool_call', id: 't2', name: 'ha_call_service', input: lamp },
      { type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock Front Door', input: unlock },
    ]);
    const tools = items.filter((i) => i.kind === 'tool');
    expect(tools.map((t) => ('waiting' in t ? t.waiting : undefined))).toEqual(['waiting_for_approval', undefined]);
  });

  it('marks a failed tool call', () => {
    const items = play([
      { type: 'tool_call', id: 't1', name: 'ha_get_state', input: { entity_id: 'light.nope' } },
      { type: 'tool_result', id: 't1', ok: false, summary: 'No entity light.nope' },
    ]);
    expect(items.at(-1)).toMatchObject({ kind: 'tool', result: { ok: false } });
  });

  it('adds the answer carried by done when nothing was streamed', () => {
    const items = play([{ type: 'done', conversation_id: 'c1', text: 'All lights are off.' }]);
    expect(items.at(-1)).toMatchObject({ kind: 'assistant', text: 'All lights are off.', streaming: false });
  });

  it('updates an approval card when the approval is resolved, wherever it was decided', () => {
    const items = play([
      { type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock the front door', input: {} },
      { type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'Alice (phone)' },
    ]);
    expect(items.at(-1)).toMatchObject({ kind: 'approval', approvalId: 'a1', decision: 'approve', by: 'Alice (phone)' });
  });

  it('never changes the transcript it was given', () => {
    const before = play([{ type: 'text', delta: 'a' }]);
    const copy = structuredClone(before);
    applyChatEvent(before, { type: 'text', delta: 'b' });
    applyChatEvent(before, { type: 'error', message: 'x' });
    expect(before).toEqual(copy);
  });

  it('ends the answer and notes it when the user stops', () => {
    const items = appendStopped(play([{ type: 'text', delta: 'Partial' }]));
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'notice']);
    expect(items[1]).toMatchObject({ streaming: false });
  });

  it('gives every item a unique key', () => {
    const items = play([
      { type: 'text', delta: 'a' },
      { type: 'tool_call', id: 't1', name: 'x', input: {} },
      { type: 'text', delta: 'b' },
      { type: 'tool_call', id: 't2', name: 'y', input: {} },
    ]);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });
});

describe('history after a reload', () => {
  it('rebuilds messages and tool cards from stored content blocks, in order', () => {
    const items = transcriptFromHistory([
      { role: 'user', content: [{ type: 'text', text: 'Is the hall light on?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'tu1', name: 'ha_get_state', input: { entity_id: 'light.hall' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: '{"entity_id":"light.hall","state":"on"}' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Yes, it is on.' }] },
    ]);
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(items[2]).toMatchObject({ name: 'ha_get_state', result: { ok: true } });
    expect(items.every((i) => i.kind !== 'assistant' || !i.streaming)).toBe(true);
  });

  it('shows a stored tool error by its message', () => {
    const items = transcriptFromHistory([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'ha_call_service', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: '{"error":"Service not found"}', is_error: true }] },
    ]);
    expect(items[0]).toMatchObject({ result: { ok: false, summary: 'Service not found' } });
  });

  it('accepts plain-string content and skips what it cannot read', () => {
    const items = transcriptFromHistory([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: [null, 42, { type: 'image' }, { type: 'text', text: 'hi' }] },
      { role: 'assistant', content: { unexpected: true } },
    ]);
    expect(items.map((i) => (i.kind === 'user' || i.kind === 'assistant' ? i.text : i.kind))).toEqual(['hello', 'hi']);
  });
});

describe('tool cards that did not finish, and stored summaries', () => {
  it('marks a tool call still running as cancelled when the user stops, and leaves finished ones alone', () => {
    const items = play([
      { type: 'tool_call', id: 't1', name: 'ha_get_state', input: { entity_id: 'light.hall' } },
      { type: 'tool_result', id: 't1', ok: true, summary: 'Hall: on' },
      { type: 'tool_call', id: 't2', name: 'ha_call_service', input: { domain: 'light', service: 'turn_off' } },
    ]);
    const stopped = appendStopped(items);
    expect(stopped.filter((i) => i.kind === 'tool').map((i) => (i.kind === 'tool' ? [i.id, i.cancelled === true, i.result?.ok] : []))).toEqual([
      ['t1', false, true],
      ['t2', true, undefined],
    ]);
    expect(stopped.at(-1)).toMatchObject({ kind: 'notice', notice: 'stopped' });
  });

  it("shows the tool's stored summary after a reload rather than the output the model read", () => {
    const items = transcriptFromHistory([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'ha_call_service', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: '{"done":"x","states":[]}', summary: 'Kitchen light: on' }] },
    ]);
    expect(items[0]).toMatchObject({ kind: 'tool', result: { ok: true, summary: 'Kitchen light: on' } });
  });
});
