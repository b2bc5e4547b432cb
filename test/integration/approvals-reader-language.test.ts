/**
 * A mixed household: Alice reads English, Bob reads French (each panel sends its HA language).
 * Alice asks to unlock the front door; Bob, a listed approver, reads what and why in French on his
 * list, Alice still reads them in English on hers, and Bob's yes from his French list runs the
 * exact call once. The words are written again for each reader; what is approved is the call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callService, echoResult } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const ALICE = TEST_USER_HEADERS;
const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

interface Listed {
  id: string;
  summary: string;
  reason: string;
  status: string;
  can_approve?: boolean;
}

async function listIn(stack: Stack, headers: Record<string, string>, language?: string): Promise<Listed[]> {
  const res = await fetch(`${stack.url}/api/approvals?status=pending${language ? `&language=${language}` : ''}`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { approvals: Listed[] }).approvals;
}

async function decideIn(stack: Stack, id: string, headers: Record<string, string>, language: string) {
  const res = await fetch(`${stack.url}/api/approvals/${id}?language=${language}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ decision: 'approve' }),
  });
  return { status: res.status, body: (await res.json()) as { approval?: Listed } };
}

const unlocks = (stack: Stack) => stack.sim.serviceCalls.filter((call) => call.domain === 'lock' && call.service === 'unlock');

describe('an approval reads in the language of whoever reads it', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { language: 'en', approvers: ['bob'] } });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('Alice asks in English, Bob reads and approves in French, the exact call runs once', async () => {
    stack.llm.enqueue(callService(UNLOCK_FRONT), echoResult);
    const turn = chat(stack.url, { message: 'unlock the front door', language: 'en' }, ALICE);
    const [bobs] = await until(async () => {
      const listed = await listIn(stack, BOB, 'fr');
      return listed.length ? listed : undefined;
    }, 'the approval on Bob’s list');

    expect(bobs).toMatchObject({
      summary: 'Déverrouiller Front Door (lock.front_door)',
      reason: 'déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)',
      can_approve: true,
    });
    const [alices] = await listIn(stack, ALICE, 'en');
    expect(alices).toMatchObject({ id: bobs!.id, summary: 'Unlock Front Door (lock.front_door)', reason: 'unlocking or opening a lock needs a yes (lock.front_door)' });
    // A client that does not say its language reads the words as they were asked.
    const [unsaid] = await listIn(stack, BOB);
    expect(unsaid).toMatchObject({ summary: 'Unlock Front Door (lock.front_door)', reason: 'unlocking or opening a lock needs a yes (lock.front_door)' });
    expect(unlocks(stack)).toEqual([]);

    const answer = await decideIn(stack, bobs!.id, BOB, 'fr');
    expect(answer.status).toBe(200);
    // The card Bob's panel shows next still reads in French.
    expect(answer.body.approval).toMatchObject({ status: 'approved', summary: 'Déverrouiller Front Door (lock.front_door)', reason: 'déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)' });

    const events = await turn;
    expect(events.find((e) => e.type === 'approval_required')).toMatchObject({ summary: 'Unlock Front Door (lock.front_door)' });
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ decision: 'approve', by: 'Bob' });
    expect(unlocks(stack)).toEqual([expect.objectContaining({ target: { entity_id: ['lock.front_door'] } })]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');

    // The audit keeps the words as they were asked.
    const audit = (await (await fetch(`${stack.url}/api/audit?limit=20`, { headers: ALICE })).json()) as { entries: Array<{ kind: string; decision?: string; detail?: string }> };
    const requested = audit.entries.find((entry) => entry.kind === 'approval' && entry.decision === 'requested');
    expect(requested?.detail).toContain('Unlock Front Door (lock.front_door): unlocking or opening a lock needs a yes');
    expect(audit.entries.some((entry) => entry.detail?.includes('Déverrouiller'))).toBe(false);
  });
});
