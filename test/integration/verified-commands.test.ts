/**
 * Fast, verified commands end to end through POST /api/chat: the first request carries the likely
 * entities, a model that reads them acts in one round trip, and the turn ends with its reply only
 * when HA shows the change (issue 16).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFastHomeResponder, listedEntities } from '../fake-llm/fast-home.js';
import type { FakeReply } from '../fake-llm/types.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

type Event = Record<string, unknown>;

async function pendingApproval(url: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS });
    const { approvals } = (await res.json()) as { approvals: Array<{ id: string }> };
    if (approvals[0]) return approvals[0].id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no approval was asked for');
}

async function decide(url: string, id: string, decision: 'approve' | 'deny'): Promise<void> {
  await fetch(`${url}/api/approvals/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ decision }) });
}

describe('a plain command costs one model round trip, and "done" is what HA shows', () => {
  let stack: Stack;
  const fast = createFastHomeResponder();

  beforeAll(async () => {
    const home = loadIntentsHome();
    // A light the assistant may not use: it must never be offered as a likely entity.
    home.exposed['light.kitchen_cabinets'] = false;
    stack = await startStack({ home });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    for (const id of ['light.bedroom_lamp', 'light.kitchen_ceiling', 'light.kitchen_countertop', 'lock.front_door']) stack.sim.setDeviceBehaviour(id, 'normal');
    stack.sim.setState('light.bedroom_lamp', 'off');
  });

  it('the first request lists the likely entities after the cached prefix, only ones the user may use', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello.' }] }, { content: [{ type: 'text', text: 'Hello.' }] });
    await chat(stack.url, { message: 'turn on the kitchen lights' });
    await chat(stack.url, { message: 'is the front door locked?' });
    const [first, second] = stack.llm.requests.slice(-2).map((r) => r.body);
    const system = first?.system as Array<{ text: string; cache_control?: unknown }>;
    // The stable, cached block is the same whatever the words; the candidates come after it.
    expect(system[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect((second?.system as Array<{ text: string }>)[0]?.text).toBe(system[0]?.text);
    expect(system[0]?.text).not.toContain('light.kitchen_ceiling');
    const kitchen = listedEntities(first!).map((e) => e.entity_id);
    expect(kitchen).toContain('light.kitchen_ceiling');
    expect(kitchen).not.toContain('light.kitchen_cabinets');
    expect(kitchen.length).toBeLessThanOrEqual(8);
    expect(listedEntities(second!)[0]).toMatchObject({ entity_id: 'lock.front_door', name: 'Front Door', state: 'locked' });
  });

  it('"turn on the bedroom lamp": one model call, the reply is the answer and is stored like any answer', async () => {
    const before = stack.llm.requests.length;
    stack.llm.enqueue(fast);
    const events = await chat(stack.url, { message: 'turn on the bedroom lamp' });
    expect(stack.llm.requests.length - before).toBe(1);
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');
    expect(events.filter((e) => e.type !== 'text').map((e) => e.type)).toEqual(['tool_call', 'tool_result', 'done']);
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: 'Bedroom Lamp: off → on' });
    const done = events.at(-1) as Event;
    expect(done).toMatchObject({ type: 'done', text: 'Done: I turned on Bedroom Lamp.' });
    expect(events.filter((e) => e.type === 'text').map((e) => e.delta).join('')).toBe('Done: I turned on Bedroom Lamp.');
    const stored = (await (await fetch(`${stack.url}/api/conversations/${String(done.conversation_id)}`, { headers: TEST_USER_HEADERS })).json()) as {
      messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }>;
    };
    expect(stored.messages.at(-1)).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'Done: I turned on Bedroom Lamp.' }] });
  });

  it('a lamp that accepts the call and never changes: no_change_observed, and the model speaks, never the reply', async () => {
    stack.sim.setDeviceBehaviour('light.bedroom_lamp', 'stuck');
    const before = stack.llm.requests.length;
    stack.llm.enqueue(fast, fast);
    const events = await chat(stack.url, { message: 'turn on the bedroom lamp' });
    expect(stack.llm.requests.length - before).toBe(2);
    const told = stack.llm.requests.at(-1)!.body.messages.at(-1)!;
    expect(JSON.stringify(told)).toContain('no_change_observed');
    const done = events.at(-1) as Event;
    expect(done.text).not.toContain('Done: I turned on');
    expect(done.text).toContain('no change');
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ summary: 'Bedroom Lamp: no change observed (still off)' });
  });

  it('an area call where one of three lights stays off goes back to the model with each light', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { area_id: 'living_room_id' }, reply: 'The living room is lit.' } }] },
      fast,
    );
    for (const id of ['light.living_room_lamp', 'light.play_corner']) stack.sim.setState(id, 'off');
    stack.sim.setDeviceBehaviour('light.play_corner', 'stuck');
    const events = await chat(stack.url, { message: 'turn on the living room lights' });
    stack.sim.setDeviceBehaviour('light.play_corner', 'normal');
    const done = events.at(-1) as Event;
    expect(done.text).not.toContain('The living room is lit.');
    expect(String(done.text)).toContain('no change');
    expect(String(done.text)).toContain('Play Corner: no change observed (still off)');
  });

  it('reply never skips an approval: denied, the model speaks; approved and seen, the reply ends the turn', async () => {
    const unlock: FakeReply = { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' }, reply: 'The front door is unlocked.' } }] };
    const echo: FakeReply = { content: [{ type: 'text', text: 'It was not done.' }] };
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(unlock, echo);
    const denied = chat(stack.url, { message: 'unlock the front door' });
    await decide(stack.url, await pendingApproval(stack.url), 'deny');
    const deniedEvents = await denied;
    expect(deniedEvents.at(-1)).toMatchObject({ type: 'done', text: 'It was not done.' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');

    const before = stack.llm.requests.length;
    stack.llm.enqueue(unlock);
    const approved = chat(stack.url, { message: 'unlock the front door' });
    await decide(stack.url, await pendingApproval(stack.url), 'approve');
    const events = await approved;
    expect(stack.llm.requests.length - before).toBe(1);
    expect(events.map((e) => e.type)).toContain('approval_resolved');
    expect(events.at(-1)).toMatchObject({ type: 'done', text: 'The front door is unlocked.' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
  });
});
