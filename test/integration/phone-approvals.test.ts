/**
 * Phone approvals end to end: real server, HA simulator (intents home, with the phone
 * `notify.mobile_app_my_phone`), fake model through the real SDK. The model asks to unlock the
 * front door; the approval goes to the phone as an actionable notification, and a tap comes back
 * as a `mobile_app_notification_action` event fired for the phone's user.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { turnToolCalls, type FakeReply, type FakeTurn, type RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome, type RecordedServiceCall } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const PHONE = 'mobile_app_my_phone';
const ALICE = 'user-admin'; // HA admin in the simulator
const BOB = 'user-bob'; // a regular user
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const ACTION_EVENT = 'mobile_app_notification_action';

const callTool = (input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_call_service', input }] });
const echoResult = (req: RecordedRequest): FakeReply => {
  const result = turnToolCalls(req.body).at(-1)?.result;
  return { content: [{ type: 'text', text: `${result?.isError ? 'FAILED' : 'OK'}: ${result?.text ?? ''}` }] };
};

/** Log lines of the server, at debug level, parsed. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines, raw };
}

interface SentNotification {
  approvalId: string;
  tag: string;
  approve: string;
  deny: string;
  call: RecordedServiceCall;
}

function phoneCalls(stack: Stack): RecordedServiceCall[] {
  return stack.sim.serviceCalls.filter((call) => call.domain === 'notify' && call.service === PHONE);
}

function lockCalls(stack: Stack): RecordedServiceCall[] {
  return stack.sim.serviceCalls.filter((call) => call.domain === 'lock');
}

/**
 * Starts a chat that asks to unlock the front door, and waits for the phone notification. The
 * model's replies are one queue for every turn: overlapping turns enqueue theirs in call order.
 */
async function askToUnlock(
  stack: Stack,
  replies: FakeTurn[] = [callTool(UNLOCK_FRONT), echoResult],
): Promise<{ sent: SentNotification; turn: Promise<Array<Record<string, unknown>>> }> {
  stack.llm.enqueue(...replies);
  const before = phoneCalls(stack).length;
  const turn = chat(stack.url, { message: 'unlock the front door' });
  // A turn cut short by a restart rejects; the tests that expect it await it themselves.
  turn.catch(() => undefined);
  const call = await vi.waitFor(
    () => {
      const found = phoneCalls(stack).slice(before).find((c) => c.service_data.title !== undefined);
      if (!found) throw new Error('no approval notification yet');
      return found;
    },
    { timeout: 5000, interval: 10 },
  );
  const data = call.service_data.data as { tag: string; actions: Array<{ action: string }> };
  return {
    turn,
    sent: {
      approvalId: data.tag.replace('majordome-approval-', ''),
      tag: data.tag,
      approve: data.actions[0]?.action ?? '',
      deny: data.actions[1]?.action ?? '',
      call,
    },
  };
}

async function approval(stack: Stack, id: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${stack.url}/api/approvals`, { headers: TEST_USER_HEADERS });
  const { approvals } = (await res.json()) as { approvals: Array<Record<string, unknown>> };
  return approvals.find((a) => a.id === id);
}

async function clearedWith(stack: Stack, tag: string): Promise<void> {
  await vi.waitFor(
    () => {
      const cleared = phoneCalls(stack).some((c) => c.service_data.message === 'clear_notification' && (c.service_data.data as { tag?: string }).tag === tag);
      if (!cleared) throw new Error(`no clear_notification for ${tag} yet`);
    },
    { timeout: 5000, interval: 10 },
  );
}

describe('approving from the phone', () => {
  let stack: Stack;
  const logs = captureLogs();
  const ignoredCount = () => logs.lines.filter((l) => l.msg === 'ignored a phone notification action').length;
  const waitIgnored = (count: number) =>
    vi.waitFor(
      () => {
        if (ignoredCount() < count) throw new Error(`${ignoredCount()} ignored actions so far`);
      },
      { timeout: 5000, interval: 10 },
    );

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { approval_notify: [`notify.${PHONE}`] }, logger: logs.logger });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('sends the approval to the phone: what and why, Approve and Deny with a nonce, a tag of its own', async () => {
    const { sent, turn } = await askToUnlock(stack);
    expect(sent.call.service_data).toMatchObject({
      message: expect.stringMatching(/Unlock Front Door.*lock/),
      title: 'Majordome needs your approval',
      data: {
        tag: sent.tag,
        actions: [
          { title: 'Approve', authenticationRequired: true },
          { title: 'Deny', destructive: true, authenticationRequired: true },
        ],
      },
    });
    expect(sent.approve).toMatch(/^MAJORDOME_APPROVE_[0-9a-f]{32}$/);
    expect(sent.deny).toBe(sent.approve.replace('APPROVE', 'DENY'));
    expect(await approval(stack, sent.approvalId)).toMatchObject({ status: 'pending' });
    expect(lockCalls(stack)).toEqual([]);

    stack.sim.fireEvent(ACTION_EVENT, { action: sent.deny, tag: sent.tag }, ALICE);
    await turn;
  });

  it('a wrong nonce, a user who may not approve, a tap without a user are ignored; the right nonce from an admin unlocks', async () => {
    const { sent, turn } = await askToUnlock(stack, [callTool(UNLOCK_FRONT)]);
    const other = await askToUnlock(stack, [callTool(UNLOCK_FRONT), echoResult, echoResult]);
    const second = other.sent;
    const ignoredBefore = ignoredCount();

    stack.sim.fireEvent(ACTION_EVENT, { action: `MAJORDOME_APPROVE_${'0'.repeat(32)}`, tag: sent.tag }, ALICE);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: second.tag }, ALICE); // another approval's tag
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, BOB);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, null);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, 'user-nobody');
    await waitIgnored(ignoredBefore + 5);
    expect(await approval(stack, sent.approvalId)).toMatchObject({ status: 'pending' });
    expect(lockCalls(stack)).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');

    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    const events = await turn;
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ approval_id: sent.approvalId, decision: 'approve', by: 'Alice' });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true });
    expect(lockCalls(stack)).toEqual([expect.objectContaining({ service: 'unlock', target: { entity_id: ['lock.front_door'] } })]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(await approval(stack, sent.approvalId)).toMatchObject({ status: 'approved', decided_by: 'Alice', decided_via: 'phone' });
    expect(await approval(stack, second.approvalId)).toMatchObject({ status: 'pending' });

    // The other approval is still waiting on its own nonce.
    stack.sim.fireEvent(ACTION_EVENT, { action: second.deny }, ALICE);
    await other.turn;
    expect(await approval(stack, second.approvalId)).toMatchObject({ status: 'denied', decided_via: 'phone' });
    expect(lockCalls(stack)).toHaveLength(1);
  });

  it('a replay after the decision runs nothing: an approver is told how it ended, anyone else is ignored', async () => {
    const { sent, turn } = await askToUnlock(stack);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    await turn;
    expect(lockCalls(stack)).toHaveLength(1);
    stack.sim.setState('lock.front_door', 'locked');

    const ignoredBefore = ignoredCount();
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, ALICE);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.deny }, ALICE);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.deny, tag: sent.tag }, BOB);
    await waitIgnored(ignoredBefore + 1);
    const answers = await vi.waitFor(
      () => {
        const found = phoneCalls(stack).filter((c) => c.service_data.message === 'This approval was already approved by Alice.');
        if (found.length < 2) throw new Error(`${found.length} answers so far`);
        return found;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(answers[0]!.service_data).toEqual({ message: 'This approval was already approved by Alice.', title: 'Unlock Front Door (lock.front_door)', data: { tag: sent.tag } });
    expect(lockCalls(stack)).toHaveLength(1);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
    expect(await approval(stack, sent.approvalId)).toMatchObject({ status: 'approved', decided_via: 'phone' });
  });

  it('deciding in the panel clears the phone notification (same tag)', async () => {
    const { sent, turn } = await askToUnlock(stack);
    const res = await fetch(`${stack.url}/api/approvals/${sent.approvalId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.status).toBe(200);
    await turn;
    await clearedWith(stack, sent.tag);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
  });

  it('a pending approval that expires with a restart is cleared from the phone', async () => {
    const { sent, turn } = await askToUnlock(stack);
    await stack.restart();
    await turn.catch(() => undefined);
    await clearedWith(stack, sent.tag);
    expect(await approval(stack, sent.approvalId)).toMatchObject({ status: 'expired' });
    expect(lockCalls(stack)).toEqual([]);
  });

  it('logs ignored taps without their action ids', () => {
    const ignored = logs.raw.filter((line) => line.includes('ignored a phone notification action'));
    expect(ignored.length).toBeGreaterThan(0);
    for (const line of ignored) expect(line).not.toMatch(/MAJORDOME_|[0-9a-f]{32}/);
  });
});

describe('a listed approver on their phone', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { approval_notify: [PHONE], approvers: ['bob'] } });
    stack.sim.setState('lock.front_door', 'locked');
  });
  afterAll(async () => stack?.stop());

  it('approves by username from the approvers option', async () => {
    const { sent, turn } = await askToUnlock(stack);
    stack.sim.fireEvent(ACTION_EVENT, { action: sent.approve, tag: sent.tag }, BOB);
    const events = await turn;
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ decision: 'approve', by: 'Bob' });
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    await clearedWith(stack, sent.tag);
  });
});

describe('without approval_notify', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  it('sends nothing to the phones', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = chat(stack.url, { message: 'unlock the front door' });
    const pending = await vi.waitFor(
      async () => {
        const res = await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS });
        const { approvals } = (await res.json()) as { approvals: Array<{ id: string }> };
        if (!approvals[0]) throw new Error('no approval yet');
        return approvals[0];
      },
      { timeout: 5000, interval: 10 },
    );
    await fetch(`${stack.url}/api/approvals/${pending.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ decision: 'deny' }),
    });
    await turn;
    expect(phoneCalls(stack)).toEqual([]);
  });
});
