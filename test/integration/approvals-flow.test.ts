/**
 * The approval path end to end: real server, HA simulator (intents home), fake model through the
 * real SDK. The model asks to unlock the front door; nothing reaches HA until a person decides.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { turnToolCalls } from '../fake-llm/index.js';
import type { FakeReply, RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const ALICE = TEST_USER_HEADERS; // HA admin in the simulator
const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' }; // not an admin

const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const UNLOCK_BACK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.back_door' } };

/** A chat turn read as it streams, so the test can act while an approval is pending. */
interface LiveTurn {
  events: ChatEvent[];
  /** Resolves with the first event (from now on or already seen) accepted by `match`. */
  next(match: (e: ChatEvent) => boolean): Promise<ChatEvent>;
  /** Resolves with every event once the stream ends. */
  finished: Promise<ChatEvent[]>;
}

async function startChat(url: string, message: string, headers: Record<string, string>): Promise<LiveTurn> {
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ message }) });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const events: ChatEvent[] = [];
  const waiting: Array<{ match: (e: ChatEvent) => boolean; resolve: (e: ChatEvent) => void }> = [];
  const reader = res.body.getReader();
  const finished = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) {
          if (!line.startsWith('data:')) continue;
          const event = JSON.parse(line.slice(5).trim()) as ChatEvent;
          events.push(event);
          for (const w of waiting.filter((w) => w.match(event))) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(event);
          }
        }
      }
    }
    return events;
  })();
  return {
    events,
    finished,
    next: (match) =>
      new Promise((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        waiting.push({ match, resolve });
        void finished.then(() => reject(new Error(`stream ended without the expected event; got ${JSON.stringify(events)}`)));
      }),
  };
}

const isApprovalRequired = (e: ChatEvent): e is Extract<ChatEvent, { type: 'approval_required' }> => e.type === 'approval_required';

async function approvalIn(turn: LiveTurn, nth = 0): Promise<Extract<ChatEvent, { type: 'approval_required' }>> {
  let count = 0;
  const event = await turn.next((e) => isApprovalRequired(e) && count++ === nth);
  if (!isApprovalRequired(event)) throw new Error('not an approval');
  return event;
}

async function decide(url: string, id: string, decision: 'approve' | 'deny', headers: Record<string, string>, language?: string) {
  const res = await fetch(`${url}/api/approvals/${id}${language ? `?language=${language}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ decision }) });
  return { status: res.status, body: (await res.json()) as { approval?: Record<string, unknown>; error?: string; code?: string } };
}

async function listApprovals(url: string, headers: Record<string, string>, status?: string) {
  const res = await fetch(`${url}/api/approvals${status ? `?status=${status}` : ''}`, { headers });
  return ((await res.json()) as { approvals: Array<Record<string, unknown>> }).approvals;
}

/** What the model was told about its last tool call. */
function lastResult(req: RecordedRequest): { text: string; isError: boolean } {
  const result = turnToolCalls(req.body).at(-1)?.result;
  if (!result) throw new Error('no tool result in the request');
  return result;
}

const callTool = (input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_call_service', input }] });
const echoResult = (req: RecordedRequest): FakeReply => ({
  content: [{ type: 'text', text: `${lastResult(req).isError ? 'FAILED' : 'OK'}: ${lastResult(req).text}` }],
});

/** Asks (in a chat of its own) which locks the entrance holds until Majordome sees `count` of them. */
async function untilLocksInEntrance(stack: Stack, count: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_find_entities', input: { area: 'Entrance', domain: 'lock' } }] }, echoResult);
    const events = await chat(stack.url, { message: 'which locks are in the entrance?' });
    const text = String(events.at(-1)?.text ?? '');
    if ((text.match(/"lock\./g) ?? []).length === count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the entrance never held ${count} locks`);
}

function lockCalls(stack: Stack) {
  return stack.sim.serviceCalls.filter((call) => call.domain === 'lock');
}

describe('approving a risky call (default timeout)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.setState('lock.back_door', 'locked');
    stack.sim.serviceCalls.length = 0;
  });

  it('unlock the front door: approval_required, nothing reaches HA, an admin approves, exactly that call runs', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door', ALICE);
    const required = await approvalIn(turn);
    expect(required).toMatchObject({ tool: 'ha_call_service', summary: 'Unlock Front Door (lock.front_door)', input: UNLOCK_FRONT });
    expect(lockCalls(stack)).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
    const pending = await listApprovals(stack.url, ALICE, 'pending');
    expect(pending).toEqual([expect.objectContaining({ id: required.approval_id, status: 'pending', can_approve: true, reason: expect.stringMatching(/lock/) })]);

    const answer = await decide(stack.url, required.approval_id, 'approve', ALICE);
    expect(answer).toMatchObject({ status: 200, body: { approval: { status: 'approved', decided_by: 'Alice', decided_by_id: 'user-admin', decided_via: 'panel' } } });

    const events = await turn.finished;
    expect(events.map((e) => e.type).filter((t) => t !== 'text')).toEqual(['tool_call', 'approval_required', 'approval_resolved', 'tool_result', 'done']);
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ decision: 'approve', by: 'Alice' });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true });
    expect(lockCalls(stack)).toEqual([expect.objectContaining({ domain: 'lock', service: 'unlock', target: { entity_id: ['lock.front_door'] } })]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(stack.sim.getState('lock.back_door')?.state).toBe('locked');
  });

  it('an approval for an area covers what the area held when asked: a lock moved in before the decision is refused', async () => {
    const UNLOCK_ENTRANCE = { domain: 'lock', service: 'unlock', target: { area_id: 'entrance_id' } };
    stack.llm.enqueue(callTool(UNLOCK_ENTRANCE));
    const turn = await startChat(stack.url, 'unlock the entrance', ALICE);
    const required = await approvalIn(turn);
    // Someone (or an integration) puts the back door in the entrance while the approval waits.
    stack.sim.updateEntityRegistry('lock.back_door', { area_id: 'entrance_id' });
    await untilLocksInEntrance(stack, 2);
    stack.llm.enqueue(callTool(UNLOCK_ENTRANCE), echoResult);

    expect((await decide(stack.url, required.approval_id, 'approve', ALICE)).status).toBe(200);
    const first = await approvalIn(turn, 1);
    // Nothing was unlocked: the approval said "Front Door", the area now holds two locks.
    expect(lockCalls(stack)).toEqual([]);
    const refused = turn.events.filter((e) => e.type === 'tool_result')[0];
    expect(refused).toMatchObject({ ok: false });
    expect(refused).toMatchObject({ summary: expect.stringMatching(/changed since it was approved \(approved: lock\.front_door; now: lock\.back_door, lock\.front_door\)/) });

    // Asked again, the new approval covers both, and both open once approved.
    expect(first.approval_id).not.toBe(required.approval_id);
    await decide(stack.url, first.approval_id, 'approve', ALICE);
    await turn.finished;
    expect(lockCalls(stack)).toEqual([expect.objectContaining({ service: 'unlock', target: { entity_id: ['lock.back_door', 'lock.front_door'] } })]);
    expect(stack.sim.getState('lock.back_door')?.state).toBe('unlocked');
    stack.sim.updateEntityRegistry('lock.back_door', { area_id: null });
  });

  it('deny: the call never runs and the model reads who refused', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door', ALICE);
    const required = await approvalIn(turn);
    expect((await decide(stack.url, required.approval_id, 'deny', ALICE)).status).toBe(200);
    const events = await turn.finished;
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ decision: 'deny', by: 'Alice' });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: false });
    expect(events.at(-1)).toMatchObject({ type: 'done', text: expect.stringMatching(/^FAILED: .*Denied by Alice/) });
    expect(lockCalls(stack)).toEqual([]);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
  });

  it('a user who is neither admin nor approver cannot approve, not even their own request (403); an admin can', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door', BOB);
    const required = await approvalIn(turn);

    const refused = await decide(stack.url, required.approval_id, 'approve', BOB);
    expect(refused).toMatchObject({ status: 403, body: { code: 'policy_denied' } });
    expect(lockCalls(stack)).toEqual([]);
    expect((await listApprovals(stack.url, BOB)).map((a) => [a.id, a.can_approve])).toEqual([[required.approval_id, false]]);

    expect((await decide(stack.url, required.approval_id, 'approve', ALICE)).status).toBe(200);
    await turn.finished;
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(lockCalls(stack)).toHaveLength(1);
  });

  it('a changed input cannot reuse an approval: the back door needs its own, and the old one cannot be approved again', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), callTool(UNLOCK_BACK), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door, then the back door', ALICE);
    const first = await approvalIn(turn, 0);
    await decide(stack.url, first.approval_id, 'approve', ALICE);

    const second = await approvalIn(turn, 1);
    expect(second.approval_id).not.toBe(first.approval_id);
    expect(second.input).toEqual(UNLOCK_BACK);
    expect(lockCalls(stack)).toHaveLength(1);
    expect(stack.sim.getState('lock.back_door')?.state).toBe('locked');

    const replay = await decide(stack.url, first.approval_id, 'approve', ALICE);
    expect(replay).toMatchObject({ status: 403, body: { error: expect.stringMatching(/already approved/) } });
    // The panel asks in its language, and the refusal it shows reads in it.
    const replayInFrench = await decide(stack.url, first.approval_id, 'approve', ALICE, 'fr');
    expect(replayInFrench).toMatchObject({ status: 403, body: { error: expect.stringMatching(/^Cette demande a déjà été approuvée par /) } });
    await decide(stack.url, second.approval_id, 'deny', ALICE);
    await turn.finished;
    expect(lockCalls(stack)).toEqual([expect.objectContaining({ target: { entity_id: ['lock.front_door'] } })]);
    expect(stack.sim.getState('lock.back_door')?.state).toBe('locked');
  });

  it('audits who decided and where', async () => {
    const res = await fetch(`${stack.url}/api/audit?limit=200`, { headers: ALICE });
    const { entries } = (await res.json()) as { entries: Array<Record<string, unknown>> };
    const decisions = entries.filter((r) => r.kind === 'approval' && r.decision === 'approve');
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions[0]).toMatchObject({ actor: 'user-admin', tool: 'ha_call_service', detail: expect.stringMatching(/approved by Alice via panel/) });
    expect(entries.some((r) => r.kind === 'approval' && r.decision === 'approve refused' && r.actor === 'user-bob')).toBe(true);
  });

  it('a pending approval does not survive a restart: it is reported expired and the call never runs', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door', ALICE);
    const required = await approvalIn(turn);
    await stack.restart();
    await turn.finished;
    const [approval] = (await listApprovals(stack.url, ALICE)).filter((a) => a.id === required.approval_id);
    expect(approval).toMatchObject({ status: 'expired', decided_via: 'system' });
    expect(lockCalls(stack)).toEqual([]);
    expect((await decide(stack.url, required.approval_id, 'approve', ALICE)).status).toBe(403);
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');
  });
});

describe('an approval nobody answers', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), overrides: { approvalTimeoutMs: 150 } });
    stack.sim.setState('lock.front_door', 'locked');
  });
  afterAll(async () => stack?.stop());

  it('expires as denied: the call does not run and the model is told nobody approved in time', async () => {
    stack.llm.enqueue(callTool(UNLOCK_FRONT), echoResult);
    const turn = await startChat(stack.url, 'unlock the front door', ALICE);
    const required = await approvalIn(turn);
    const events = await turn.finished;
    expect(events.find((e) => e.type === 'approval_resolved')).toMatchObject({ approval_id: required.approval_id, decision: 'expired' });
    expect(events.at(-1)).toMatchObject({ type: 'done', text: expect.stringMatching(/^FAILED: .*in time/) });
    expect(lockCalls(stack)).toEqual([]);
    expect(await listApprovals(stack.url, ALICE, 'expired')).toEqual([expect.objectContaining({ id: required.approval_id })]);
    expect((await decide(stack.url, required.approval_id, 'approve', ALICE)).status).toBe(403);
  });
});
