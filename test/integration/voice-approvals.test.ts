/**
 * Approvals by voice, end to end: a Wyoming client asks to unlock the front door; the approval
 * goes to the phone (`approval_notify`) as an actionable notification; a tap, fired in the HA
 * simulator as `mobile_app_notification_action` for the phone's user, decides it. Decided while
 * the speaker waits, the voice answers the outcome; decided later, the voice has said the approval
 * waits on the phone and the outcome reaches the phone as a notification.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callService, echoResult, say } from '../fake-llm/replies.js';
import type { FakeReply, RecordedRequest } from '../fake-llm/types.js';
import { turnToolCalls } from '../fake-llm/request-view.js';
import { loadIntentsHome, type RecordedServiceCall } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { sendTranscript, WyomingClient } from '../support/wyoming-client.js';
import { TEST_USER_HEADERS } from '../support/stack.js';

const PHONE = 'mobile_app_my_phone';
const ALICE = 'user-admin'; // an HA admin: may approve
const BOB = 'user-bob'; // may not
const ACTION_EVENT = 'mobile_app_notification_action';
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

/** The model unlocks, then says what happened in one sentence (what a person hears). */
const UNLOCK_SCRIPT = [
  callService(UNLOCK_FRONT),
  (req: RecordedRequest): FakeReply => {
    const result = turnToolCalls(req.body).at(-1)?.result;
    return say(result?.isError ? "I couldn't: you refused it." : 'The front door is unlocked.');
  },
];

function wyomingPort(stack: Stack): number {
  const port = stack.majordome.wyomingPort;
  if (port === undefined) throw new Error('the Wyoming server is not listening');
  return port;
}

const phoneCalls = (stack: Stack): RecordedServiceCall[] => stack.sim.serviceCalls.filter((c) => c.domain === 'notify' && c.service === PHONE);
const lockCalls = (stack: Stack): RecordedServiceCall[] => stack.sim.serviceCalls.filter((c) => c.domain === 'lock');

/** The approval notification on the phone, once it is there: its Approve and Deny action ids. */
async function approvalOnPhone(stack: Stack): Promise<{ approve: string; deny: string; tag: string }> {
  return vi.waitFor(
    () => {
      const call = phoneCalls(stack).find((c) => c.service_data.title === 'Majordome needs your approval');
      if (!call) throw new Error('no approval notification yet');
      const data = call.service_data.data as { tag: string; actions: Array<{ action: string }> };
      return { approve: data.actions[0]?.action ?? '', deny: data.actions[1]?.action ?? '', tag: data.tag };
    },
    { timeout: 5000, interval: 10 },
  );
}

describe('approvals by voice, decided while the speaker waits', () => {
  let stack: Stack;
  let port: number;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { approval_notify: [`notify.${PHONE}`] }, overrides: { voiceApprovalWaitMs: 15_000 } });
    port = wyomingPort(stack);
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('sends the approval to the phone, runs nothing before the tap, and answers the outcome once approved', async () => {
    stack.llm.enqueue(...UNLOCK_SCRIPT);
    const answer = sendTranscript(port, { text: 'unlock the front door', language: 'en' });
    const sent = await approvalOnPhone(stack);
    expect(lockCalls(stack)).toEqual([]);

    // Someone who may not approve, then a forged nonce: nothing happens.
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, BOB);
    stack.sim.fireEvent(ACTION_EVENT, { action: `MAJORDOME_APPROVE_${'0'.repeat(32)}`, tag: sent.tag }, ALICE);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lockCalls(stack)).toEqual([]);

    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    expect(await answer).toMatchObject({ type: 'handled', data: { text: 'The front door is unlocked.' } });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(lockCalls(stack)).toEqual([expect.objectContaining({ service: 'unlock', target: { entity_id: ['lock.front_door'] } })]);
    // The speaker said it: no outcome notification on top of the approval and its clearing.
    expect(phoneCalls(stack).filter((c) => c.service_data.title === 'Majordome: your voice request')).toEqual([]);
  });

  it('a voice connection that drops while the approval waits cancels nothing: a later tap unlocks, and the outcome reaches the phone', async () => {
    stack.llm.enqueue(...UNLOCK_SCRIPT);
    const client = await WyomingClient.connect(port);
    client.send('transcript', { text: 'unlock the front door', language: 'en' });
    const sent = await approvalOnPhone(stack);
    // A reset, as from a client that crashed or lost its network: the server sees it gone at once.
    client.reset();
    await client.closed;
    // Long enough for the server to see the connection gone.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS });
    expect(((await res.json()) as { approvals: Array<{ id: string }> }).approvals.map((a) => `majordome-approval-${a.id}`)).toContain(sent.tag);

    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    const outcome = await vi.waitFor(
      () => {
        const call = phoneCalls(stack).find((c) => c.service_data.title === 'Majordome: your voice request');
        if (!call) throw new Error('no outcome notification yet');
        return call;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(outcome.service_data).toMatchObject({ message: 'The front door is unlocked.' });
    expect(lockCalls(stack)).toHaveLength(1);
  });

  it('answers the refusal when the phone denies', async () => {
    stack.llm.enqueue(...UNLOCK_SCRIPT);
    const answer = sendTranscript(port, { text: 'unlock the front door', language: 'en' });
    const sent = await approvalOnPhone(stack);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.deny, tag: sent.tag }, ALICE);
    expect(await answer).toMatchObject({ type: 'handled', data: { text: "I couldn't: you refused it." } });
    expect(lockCalls(stack)).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
  });
});

describe('approvals by voice, decided after the speaker stopped waiting', () => {
  let stack: Stack;
  let port: number;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { approval_notify: [`notify.${PHONE}`] }, overrides: { voiceApprovalWaitMs: 50 } });
    port = wyomingPort(stack);
  });
  afterAll(async () => stack?.stop());

  it('says the approval waits on the phone; a later tap still unlocks, and the outcome reaches the phone', async () => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(...UNLOCK_SCRIPT);
    const answer = await sendTranscript(port, { text: 'unlock the front door', language: 'en' });
    expect(answer).toMatchObject({ type: 'handled', data: { text: "That needs your approval: I'm waiting for it on your phone." } });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');

    const sent = await approvalOnPhone(stack);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    const outcome = await vi.waitFor(
      () => {
        const call = phoneCalls(stack).find((c) => c.service_data.title === 'Majordome: your voice request');
        if (!call) throw new Error('no outcome notification yet');
        return call;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(outcome.service_data).toMatchObject({ message: 'The front door is unlocked.' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
  });
});

describe('approvals by voice without a phone', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), overrides: { voiceApprovalWaitMs: 50 } });
  });
  afterAll(async () => stack?.stop());

  it("says where to approve, and the outcome lands in HA's notifications", async () => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.llm.enqueue(callService(UNLOCK_FRONT), echoResult);
    const answer = await sendTranscript(wyomingPort(stack), { text: 'unlock the front door', language: 'en' });
    expect(answer).toMatchObject({ type: 'handled', data: { text: "That needs your approval first: approve it in Majordome, in Home Assistant's sidebar." } });

    // Approved in the panel by an admin.
    const headers = { 'content-type': 'application/json', 'x-remote-user-id': ALICE, 'x-remote-user-name': 'alice' };
    const { approvals } = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers })).json()) as { approvals: Array<{ id: string }> };
    expect(approvals).toHaveLength(1);
    const decided = await fetch(`${stack.url}/api/approvals/${approvals[0]?.id}`, { method: 'POST', headers, body: JSON.stringify({ decision: 'approve' }) });
    expect(decided.status).toBe(200);

    const shown = await vi.waitFor(
      () => {
        const call = stack.sim.serviceCalls.find((c) => c.domain === 'persistent_notification' && c.service === 'create');
        if (!call) throw new Error('no persistent notification yet');
        return call;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(shown.service_data).toMatchObject({ title: 'Majordome: your voice request', message: expect.stringMatching(/^OK/) });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
  });
});
