/**
 * Triggered tasks and approvals: a state trigger in HA starts the task once per matching change,
 * and a task whose tool call needs approval waits for a person's yes before acting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i > 400) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function phoneMessages(stack: Stack): unknown[] {
  return stack.sim.serviceCalls
    .filter((c) => c.domain === 'notify' && !(c.service_data as { data?: { actions?: unknown } }).data?.actions)
    .map((c) => (c.service_data as { message?: unknown }).message);
}

describe('triggered tasks', () => {
  let stack: Stack;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), overrides: { schedulerClock: clock } });
  });
  afterAll(async () => stack?.stop());

  it('start once per matching state change', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Tell me the kitchen light came on', trigger: { type: 'state', entity_id: 'light.kitchen_light', to: 'on' } } }] },
      { content: [{ type: 'text', text: 'I will tell you.' }] },
    );
    await chat(stack.url, { message: 'tell me when the kitchen light comes on' });
    stack.llm.enqueue({ content: [{ type: 'text', text: 'The kitchen light is on (1).' }] }, { content: [{ type: 'text', text: 'The kitchen light is on (2).' }] });

    stack.sim.setState('light.kitchen_light', 'on');
    await until(() => phoneMessages(stack), (m) => m.length >= 1);
    // An attribute change while on is not a change to "on".
    stack.sim.setState('light.kitchen_light', 'on', { brightness: 20 });
    stack.sim.setState('light.kitchen_light', 'off');
    stack.sim.setState('light.kitchen_light', 'on');
    await until(() => phoneMessages(stack), (m) => m.length >= 2);
    expect(phoneMessages(stack)).toEqual(['The kitchen light is on (1).', 'The kitchen light is on (2).']);
    const turn = JSON.stringify(stack.llm.requests.at(-1)?.body.messages.at(-1));
    expect(turn).toContain('light.kitchen_light changed from off to on');
    expect(stack.llm.pending()).toBe(0);
  });

  it('wait for an approval before a risky call, then act', async () => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Unlock the front door for the cleaner', at: '2026-06-01T10:30:00Z' } }] },
      { content: [{ type: 'text', text: 'At 10:30.' }] },
    );
    await chat(stack.url, { message: 'unlock the front door at 10:30 UTC for the cleaner' });
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } } }] },
      { content: [{ type: 'text', text: 'The front door is unlocked.' }] },
    );
    await clock.advanceTo('2026-06-01T10:30:00Z');

    const pending = await until(
      async () => ((await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string; tool: string }> }).approvals,
      (list) => list.length > 0,
    );
    const approval = pending[0];
    expect(approval).toMatchObject({ tool: 'ha_call_service' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
    expect(phoneMessages(stack)).toHaveLength(2);

    const res = await fetch(`${stack.url}/api/approvals/${approval?.id}`, {
      method: 'POST',
      headers: { ...TEST_USER_HEADERS, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.ok).toBe(true);
    await until(() => phoneMessages(stack), (m) => m.length >= 3);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(phoneMessages(stack).at(-1)).toBe('The front door is unlocked.');
  });

  it('keep listening after a restart', async () => {
    await stack.restart();
    stack.llm.enqueue({ content: [{ type: 'text', text: 'The kitchen light is on (3).' }] });
    // The trigger subscribes once HA is connected again; a change before that is not seen.
    for (let i = 0; i < 100 && phoneMessages(stack).length < 4; i++) {
      stack.sim.setState('light.kitchen_light', 'off');
      stack.sim.setState('light.kitchen_light', 'on');
      await until(() => phoneMessages(stack), (m) => m.length >= 4);
    }
    expect(phoneMessages(stack).at(-1)).toBe('The kitchen light is on (3).');
    expect(phoneMessages(stack)).toHaveLength(4);
  });
});
