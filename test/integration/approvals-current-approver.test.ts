/**
 * Who may decide an approval is asked of HA when the decision is made, not taken from what the
 * approvals list learnt a moment before: the real server, the HA simulator (which changes a user's
 * admin rights as HA's user settings do) and the fake model. Bob asks to unlock the front door;
 * Alice, an admin when she opened the list, decides.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callService, echoResult } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import type { SimUser } from '../ha-sim/users.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const ALICE = TEST_USER_HEADERS;
const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
/** Asks too, but unlike a lock may become a standing rule ("Always allow"). */
const CLOSE_MAIN = { domain: 'valve', service: 'close_valve', target: { entity_id: 'valve.main_valve' } };

/** Majordome's own token belongs to an admin of its own (the Supervisor's, in the add-on): Alice can lose her rights without Majordome losing its. */
const TOKENS: Record<string, SimUser> = {
  'sim-majordome-token': { id: 'user-majordome', name: 'Majordome', username: 'majordome', is_admin: true },
  'sim-alice-token': { id: 'user-admin', name: 'Alice', username: 'alice', is_admin: true },
  'sim-user-token': { id: 'user-bob', name: 'Bob', username: 'bob', is_admin: false },
};

type Approval = Record<string, unknown> & { id: string };

async function listPending(url: string, headers: Record<string, string>): Promise<Approval[]> {
  const res = await fetch(`${url}/api/approvals?status=pending`, { headers });
  return ((await res.json()) as { approvals: Approval[] }).approvals;
}

async function decide(url: string, id: string, decision: 'approve' | 'deny', headers: Record<string, string>) {
  const res = await fetch(`${url}/api/approvals/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ decision }) });
  return { status: res.status, body: (await res.json()) as { approval?: Approval; error?: string; code?: string } };
}

async function haConnected(stack: Stack): Promise<boolean> {
  const health = (await (await fetch(`${stack.url}/api/health`)).json()) as { ha: { connected: boolean } };
  return health.ha.connected;
}

describe('deciding an approval reads who the person is now', () => {
  let stack: Stack;
  const lockCalls = () => stack.sim.serviceCalls.filter((call) => call.domain === 'lock');
  const valveCalls = () => stack.sim.serviceCalls.filter((call) => call.domain === 'valve');

  /** Bob asks; resolves with the pending approval as Alice's list shows it (her admin verdict now cached) and Bob's turn. */
  async function bobAsksAliceLooks(call: unknown = UNLOCK_FRONT): Promise<{ approval: Approval; turn: Promise<Array<Record<string, unknown>>> }> {
    stack.llm.enqueue(callService(call), echoResult);
    const turn = chat(stack.url, { message: 'please do it' }, BOB);
    const approval = await until(async () => (await listPending(stack.url, ALICE))[0], 'the approval in Alice’s list');
    expect(approval).toMatchObject({ tool: 'ha_call_service', input: call, requester_id: 'user-bob', can_approve: true });
    return { approval, turn };
  }

  beforeAll(async () => {
    // A one-second wait for HA, so the outage below is told at once.
    stack = await startStack({ home: loadIntentsHome(), simOptions: { tokens: TOKENS }, options: { ha_reconnect_wait_s: 1 } });
  });
  afterAll(async () => stack?.stop());
  beforeEach(async () => {
    stack.sim.setUserAdmin('user-admin', true);
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
    await until(() => haConnected(stack), 'Majordome connected to HA');
  });

  it('refuses a just-demoted admin (the list had said she could), and nothing runs; given her rights back, she approves at once', async () => {
    const { approval, turn } = await bobAsksAliceLooks();
    stack.sim.setUserAdmin('user-admin', false);

    const refused = await decide(stack.url, approval.id, 'approve', ALICE);
    expect(refused).toEqual({ status: 403, body: { code: 'policy_denied', error: 'Only a Home Assistant administrator or a listed approver can approve this.' } });
    expect(lockCalls()).toEqual([]);
    expect((await listPending(stack.url, BOB)).map((pending) => pending.id)).toEqual([approval.id]);

    stack.sim.setUserAdmin('user-admin', true);
    const approved = await decide(stack.url, approval.id, 'approve', ALICE);
    expect(approved).toMatchObject({ status: 200, body: { approval: { status: 'approved', decided_by_id: 'user-admin', decided_via: 'panel' } } });
    expect((await turn).at(-1)).toMatchObject({ type: 'done', text: expect.stringMatching(/^OK:/) });
    expect(lockCalls()).toHaveLength(1);
  });

  it('"Always allow" from a just-demoted admin is refused as a decision: no standing rule is saved, and nothing runs', async () => {
    const { approval, turn } = await bobAsksAliceLooks(CLOSE_MAIN);
    expect(approval).toMatchObject({ rule_savable: true });
    stack.sim.setUserAdmin('user-admin', false);

    const always = await fetch(`${stack.url}/api/rules`, { method: 'POST', headers: { 'content-type': 'application/json', ...ALICE }, body: JSON.stringify({ approval_id: approval.id }) });
    expect({ status: always.status, body: await always.json() }).toEqual({ status: 403, body: { code: 'policy_denied', error: 'Only a Home Assistant administrator or a listed approver can approve this.' } });
    expect(((await (await fetch(`${stack.url}/api/rules`, { headers: ALICE })).json()) as { rules: unknown[] }).rules).toEqual([]);
    // Given her rights back, she denies it (that decision reads HA too, so her list counts her as an admin again).
    stack.sim.setUserAdmin('user-admin', true);
    expect(await decide(stack.url, approval.id, 'deny', ALICE)).toMatchObject({ status: 200, body: { approval: { status: 'denied' } } });
    expect((await turn).at(-1)).toMatchObject({ type: 'done' });
    expect(valveCalls()).toEqual([]);
  });

  it('refuses the decision when HA cannot say who she is now, and nothing runs; the one who asked may still withdraw', async () => {
    const { approval, turn } = await bobAsksAliceLooks();
    await stack.sim.pause();
    await until(async () => !(await haConnected(stack)), 'Majordome to notice HA is gone');
    try {
      const refused = await decide(stack.url, approval.id, 'approve', ALICE);
      expect(refused).toEqual({
        status: 503,
        body: { code: 'ha_unavailable', error: 'Home Assistant could not be asked whether you may decide this, so nothing was decided. Try again in a moment.' },
      });
      expect((await listPending(stack.url, BOB)).map((pending) => pending.id)).toEqual([approval.id]);
      // Withdrawing one's own request needs nobody's rights: it works while HA is away.
      const withdrawn = await decide(stack.url, approval.id, 'deny', BOB);
      expect(withdrawn).toMatchObject({ status: 200, body: { approval: { status: 'denied', decided_by_id: 'user-bob' } } });
    } finally {
      await stack.sim.resume();
    }
    expect((await turn).at(-1)).toMatchObject({ type: 'done' });
    expect(lockCalls()).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
  });
});
