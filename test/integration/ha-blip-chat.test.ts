/**
 * Issue 22 end to end: a person asks for something while HA restarts; the chat shows the call
 * waiting for Home Assistant, and the command is carried out once HA is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/** Polls HA's link as /api/health reports it until it is `connected`. */
async function haBecomes(stack: Stack, connected: boolean): Promise<void> {
  for (let i = 0; i < 300 && (await haConnected(stack)) !== connected; i++) await new Promise((resolve) => setTimeout(resolve, 30));
  expect(await haConnected(stack)).toBe(connected);
}

async function haConnected(stack: Stack): Promise<boolean> {
  return ((await (await fetch(`${stack.url}/api/health`)).json()) as { ha: { connected: boolean } }).ha.connected;
}

describe('a command asked for while Home Assistant restarts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
    await haBecomes(stack, true);
  });
  afterAll(async () => stack?.stop());

  it('shows "waiting for Home Assistant" on the call, then carries it out once HA is back', async () => {
    stack.sim.setState('light.bedroom_lamp', 'off');
    await stack.sim.pause();
    await haBecomes(stack, false);

    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } } }] },
      (req: RecordedRequest) => ({ content: [{ type: 'text', text: turnToolCalls(req.body).at(-1)?.result?.text ?? '' }] }),
    );
    const pending = chat(stack.url, { message: 'turn on the bedroom lamp' });
    await until(() => stack.llm.pending() === 1, 'the model to ask for the call');
    await stack.sim.resume();
    const events = await pending;

    const call = events.find((e) => e.type === 'tool_call');
    const types = events.map((e) => e.type);
    expect(events.find((e) => e.type === 'status')).toEqual({ type: 'status', id: call?.id, status: 'waiting_for_ha' });
    expect(types.indexOf('status')).toBeLessThan(types.indexOf('tool_result'));
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: 'Bedroom Lamp: off → on' });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');
  });
});
