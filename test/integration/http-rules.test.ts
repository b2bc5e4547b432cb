/**
 * "Always allow" end to end: real server, HA simulator, fake model. An approver turns a pending
 * approval into a saved rule; the same call then runs without asking, a different one still asks,
 * and deleting the rule brings the question back. Locks (and alarm panels, garage doors, gates)
 * ask every time: "Always allow" on them is refused and the approval stays pending.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import type { FakeReply, RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const ALICE = TEST_USER_HEADERS; // HA admin in the simulator
const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };

// Operating a valve asks by default, and may be saved as a rule.
const CLOSE_MAIN = { domain: 'valve', service: 'close_valve', target: { entity_id: 'valve.main_valve' } };
const OPEN_MAIN = { domain: 'valve', service: 'open_valve', target: { entity_id: 'valve.main_valve' } };
const UNLOCK_FRONT = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };

const callTool = (input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_call_service', input }] });
const done = (_req: RecordedRequest): FakeReply => ({ content: [{ type: 'text', text: 'Done.' }] });

/** A chat turn read as it streams; `approval` resolves with the first approval_required, if any. */
async function startChat(url: string, message: string) {
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...ALICE }, body: JSON.stringify({ message }) });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const events: ChatEvent[] = [];
  let onApproval: ((id: string | undefined) => void) | undefined;
  const approval = new Promise<string | undefined>((resolve) => (onApproval = resolve));
  const finished = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const line = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data:'));
        buffer = buffer.slice(end + 2);
        if (!line) continue;
        const event = JSON.parse(line.slice(5)) as ChatEvent;
        events.push(event);
        if (event.type === 'approval_required') onApproval?.(event.approval_id);
      }
    }
    onApproval?.(undefined);
    return events;
  })();
  return { approval, finished };
}

async function api(stack: Stack, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${stack.url}/api/${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
}

describe('saved rules from "Always allow"', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('valve.main_valve', 'open');
    stack.sim.setState('lock.front_door', 'locked');
  });

  it('saves the rule for exactly that call and approves it; the same call then runs without asking', async () => {
    stack.llm.enqueue(callTool(CLOSE_MAIN), done);
    const first = await startChat(stack.url, 'close the main valve');
    const approvalId = await first.approval;
    expect(approvalId).toBeDefined();
    const listed = await api(stack, 'GET', 'approvals?status=pending', ALICE);
    expect(listed.body?.approvals).toEqual(expect.arrayContaining([expect.objectContaining({ id: approvalId, rule_savable: true })]));

    const saved = await api(stack, 'POST', 'rules', ALICE, { approval_id: approvalId });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      rule: { effect: 'allow', tool: 'ha_call_service', match: 'domain=valve service=close_valve entity_id=valve.main_valve', created_by: 'user-admin' },
      approval: { id: approvalId, status: 'approved', decided_by: 'Alice' },
    });
    await first.finished;
    expect(stack.sim.getState('valve.main_valve')?.state).toBe('closed');

    stack.sim.setState('valve.main_valve', 'open');
    stack.llm.enqueue(callTool(CLOSE_MAIN), done);
    const again = await startChat(stack.url, 'close the main valve again');
    expect(await again.approval).toBeUndefined();
    expect((await again.finished).find((e) => e.type === 'tool_result')).toMatchObject({ ok: true });
    expect(stack.sim.getState('valve.main_valve')?.state).toBe('closed');

    // Another service is another call: it still asks.
    stack.llm.enqueue(callTool(OPEN_MAIN), done);
    const other = await startChat(stack.url, 'open the main valve');
    const otherId = await other.approval;
    expect(otherId).toBeDefined();
    await api(stack, 'POST', `approvals/${otherId}`, ALICE, { decision: 'deny' });
    await other.finished;
    expect(stack.sim.getState('valve.main_valve')?.state).toBe('closed');
  });

  it('refuses "Always allow" on an unlock: nothing is saved and the approval stays pending', async () => {
    const before = (await api(stack, 'GET', 'rules', ALICE)).body?.rules as unknown[];
    stack.llm.enqueue(callTool(UNLOCK_FRONT), done);
    const turn = await startChat(stack.url, 'unlock the front door');
    const approvalId = await turn.approval;
    expect(approvalId).toBeDefined();

    expect(await api(stack, 'POST', 'rules', ALICE, { approval_id: approvalId })).toMatchObject({
      status: 422,
      body: {
        code: 'invalid_request',
        error: 'This call cannot be saved as a rule: locks, alarm panels, garage doors, gates and doors ask every time. Approve it once instead.',
      },
    });
    // The panel asks in its language: the refusal reads in it.
    expect(await api(stack, 'POST', 'rules?language=fr', ALICE, { approval_id: approvalId })).toMatchObject({
      status: 422,
      body: {
        code: 'invalid_request',
        error: 'Cet appel ne peut pas devenir une règle : les serrures, alarmes, portes de garage, portails et portes demandent à chaque fois. Approuvez-le une seule fois.',
      },
    });
    expect(await api(stack, 'POST', 'rules?language=fr', BOB, { approval_id: approvalId })).toMatchObject({
      status: 403,
      body: { code: 'forbidden', error: 'Seul un administrateur de Home Assistant ou une personne autorisée à valider peut modifier les règles enregistrées.' },
    });
    expect(await api(stack, 'POST', 'rules?language=fr', ALICE, { approval_id: 'no-such-approval' })).toMatchObject({
      status: 404,
      body: { code: 'not_found', error: 'Aucune demande en attente n’a cet identifiant.' },
    });
    expect((await api(stack, 'GET', 'rules', ALICE)).body?.rules).toEqual(before);
    // The list says so up front, so the panel does not offer the button.
    const pending = await api(stack, 'GET', 'approvals?status=pending', ALICE);
    expect(pending.body?.approvals).toEqual(expect.arrayContaining([expect.objectContaining({ id: approvalId, status: 'pending', rule_savable: false })]));
    expect(stack.sim.getState('lock.front_door')?.state).toBe('locked');

    // Approving it once still works.
    await api(stack, 'POST', `approvals/${approvalId}`, ALICE, { decision: 'approve' });
    await turn.finished;
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
  });

  it('lists saved rules to everyone, lets only approvers change them, and deleting one brings the question back', async () => {
    const asBob = await api(stack, 'GET', 'rules', BOB);
    expect(asBob).toMatchObject({ status: 200, body: { can_manage: false } });
    const listed = await api(stack, 'GET', 'rules', ALICE);
    expect(listed.body?.can_manage).toBe(true);
    const rules = listed.body?.rules as Array<{ id: number; match: string }>;
    const rule = rules.find((r) => r.match.includes('valve.main_valve'));
    expect(rule).toBeDefined();

    expect(await api(stack, 'DELETE', `rules/${rule!.id}`, BOB)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await api(stack, 'DELETE', `rules/${rule!.id}`, ALICE)).status).toBe(204);
    expect((await api(stack, 'DELETE', `rules/${rule!.id}`, ALICE)).status).toBe(404);
    expect(await api(stack, 'DELETE', `rules/${rule!.id}?language=fr`, ALICE)).toMatchObject({ status: 404, body: { error: 'Aucune règle enregistrée n’a cet identifiant.' } });

    stack.llm.enqueue(callTool(CLOSE_MAIN), done);
    const turn = await startChat(stack.url, 'close the main valve');
    const approvalId = await turn.approval;
    expect(approvalId).toBeDefined();
    // A non-approver cannot turn it into a rule, and the approval stays pending.
    expect(await api(stack, 'POST', 'rules', BOB, { approval_id: approvalId })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await api(stack, 'POST', 'rules', ALICE, { approval_id: 'no-such-approval' })).toMatchObject({ status: 404 });
    await api(stack, 'POST', `approvals/${approvalId}`, ALICE, { decision: 'deny' });
    await turn.finished;
    // Once decided, it can no longer become a rule.
    expect(await api(stack, 'POST', 'rules', ALICE, { approval_id: approvalId })).toMatchObject({ status: 404 });
    expect(stack.sim.getState('valve.main_valve')?.state).toBe('open');
  });

  it('audits saved and deleted rules', async () => {
    const audit = await api(stack, 'GET', 'audit?limit=100', ALICE);
    const decisions = (audit.body?.entries as Array<{ kind: string; decision?: string }>).filter((e) => e.kind === 'config').map((e) => e.decision);
    expect(decisions).toEqual(expect.arrayContaining(['rule saved', 'rule deleted']));
  });

  it('keeps the tool summary in the stored history, and never sends it to the model', async () => {
    const list = await api(stack, 'GET', 'conversations', ALICE);
    const id = (list.body?.conversations as Array<{ id: string }>)[0]?.id;
    const history = await api(stack, 'GET', `conversations/${id}`, ALICE);
    const results = (history.body?.messages as Array<{ content: Array<Record<string, unknown>> }>).flatMap((m) => m.content).filter((b) => b.type === 'tool_result');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((b) => typeof b.summary === 'string' && b.summary !== '')).toBe(true);
    const sent = stack.llm.requests.flatMap((r) => r.body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])));
    expect(sent.filter((b) => b.type === 'tool_result').length).toBeGreaterThan(0);
    expect(sent.some((b) => 'summary' in b)).toBe(false);
  });
});
