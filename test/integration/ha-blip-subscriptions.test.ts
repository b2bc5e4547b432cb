/**
 * Issue 22: after a blip of HA's connection every subscription is renewed (task triggers, the
 * automation bridge, phone approval taps), nothing that arrived is handled twice, and an approval
 * pending across the blip keeps waiting for its answer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { turnToolCalls, type FakeReply, type RecordedRequest } from '../fake-llm/index.js';
import { lastUserText } from '../fake-llm/request-view.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const PHONE = 'mobile_app_my_phone';
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

/** The model after the first call: says the unlock's result, and answers the task and the automation. */
function reply(req: RecordedRequest): FakeReply {
  const text = lastUserText(req.body);
  const result = turnToolCalls(req.body).at(-1)?.result;
  if (result) return { content: [{ type: 'text', text: `${result.isError ? 'FAILED' : 'OK'}: ${result.text}` }] };
  if (text.includes('kitchen light came on')) return { content: [{ type: 'text', text: 'The kitchen light is on.' }] };
  return { content: [{ type: 'text', text: 'pong' }] };
}

async function haSince(stack: Stack): Promise<{ connected: boolean; since: number }> {
  return ((await (await fetch(`${stack.url}/api/health`)).json()) as { ha: { connected: boolean; since: number } }).ha;
}

const notifications = (stack: Stack, withActions: boolean) =>
  stack.sim.serviceCalls.filter((c) => c.domain === 'notify' && c.service === PHONE && !!(c.service_data.data as { actions?: unknown } | undefined)?.actions === withActions);
const responses = (stack: Stack, requestId: string) =>
  stack.sim.firedEvents.filter((e) => e.event_type === 'majordome_response' && (e.event_data as { request_id?: unknown }).request_id === requestId);

describe('subscriptions across a blip of the connection to HA', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      home: loadIntentsHome(),
      options: { approval_notify: [`notify.${PHONE}`] },
      overrides: { schedulerClock: new ManualClock('2026-06-01T08:00:00Z') },
    });
    await vi.waitFor(async () => expect((await haSince(stack)).connected).toBe(true), { timeout: 5000 });
  });
  afterAll(async () => stack?.stop());

  it('renews triggers, the automation bridge and phone taps once each; a pending approval keeps waiting', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Tell me the kitchen light came on', trigger: { type: 'state', entity_id: 'light.kitchen_light', to: 'on' } } }] },
      { content: [{ type: 'text', text: 'I will tell you.' }] },
    );
    await chat(stack.url, { message: 'tell me when the kitchen light comes on' });
    await vi.waitFor(() => expect(stack.sim.liveTriggers()).toHaveLength(1), { timeout: 5000 });

    // An unlock waits for a yes from the phone.
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: UNLOCK_FRONT }] }, ...Array.from({ length: 6 }, () => reply));
    const unlockTurn = chat(stack.url, { message: 'unlock the front door' });
    const asked = await vi.waitFor(
      () => {
        const call = notifications(stack, true).at(-1);
        if (!call) throw new Error('no approval notification yet');
        return call.service_data.data as { tag: string; actions: Array<{ action: string }> };
      },
      { timeout: 5000 },
    );

    const before = (await haSince(stack)).since;
    stack.sim.dropConnections();
    await vi.waitFor(
      async () => {
        const now = await haSince(stack);
        expect(now.connected && now.since !== before).toBe(true);
        expect(stack.sim.liveTriggers()).toHaveLength(1);
      },
      { timeout: 8000, interval: 30 },
    );
    const approvalId = asked.tag.replace('majordome-approval-', '');
    const pending = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS }).then((r) => r.json())) as { approvals: Array<{ id: string }> }).approvals;
    expect(pending.map((a) => a.id)).toContain(approvalId);

    // The automation bridge answers once.
    stack.sim.fireEvent('majordome_request', { text: 'ping', request_id: 'after-blip' }, 'user-admin');
    await vi.waitFor(() => expect(responses(stack, 'after-blip')).toHaveLength(1), { timeout: 5000 });

    // The task trigger starts the task once.
    stack.sim.setState('light.kitchen_light', 'on');
    await vi.waitFor(() => expect(notifications(stack, false).map((c) => c.service_data.message)).toContain('The kitchen light is on.'), { timeout: 5000 });

    // The phone's tap approves once; the unlock runs once.
    stack.sim.fireEvent('mobile_app_notification_action', { action: asked.actions[0]?.action, tag: asked.tag }, 'user-admin');
    const events = await unlockTurn;
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ approval_id: approvalId, decision: 'approve' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');

    // Settled: nothing arrived twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(responses(stack, 'after-blip')).toHaveLength(1);
    expect(notifications(stack, false).filter((c) => c.service_data.message === 'The kitchen light is on.')).toHaveLength(1);
    expect(stack.sim.serviceCalls.filter((c) => c.domain === 'lock' && c.service === 'unlock')).toHaveLength(1);
  });
});
