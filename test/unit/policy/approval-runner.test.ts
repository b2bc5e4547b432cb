import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatEvent } from '../../../src/contracts/chat-events.js';
import { runToolCall, type ApprovalGate } from '../../../src/agent/tool-runner.js';
import { createApprovalGate } from '../../../src/policy/approvals/approval-gate.js';
import { EventBus } from '../../../src/events/bus.js';
import { createLogger } from '../../../src/logger.js';
import { ApprovalService, type ApprovalEvents } from '../../../src/policy/approvals/approvals.js';
import { createDefaultPolicy } from '../../../src/policy/policy.js';
import { parseUserRules } from '../../../src/policy/rules/rule-syntax.js';
import { AuditLog } from '../../../src/store/audit.js';
import { ApprovalStore } from '../../../src/store/approvals.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { ToolRegistry } from '../../../src/tools/registry.js';
import { okResult, type Tool } from '../../../src/tools/tool.js';

const executed: unknown[] = [];
const openGate: Tool<{ gate: string; percent: number }> = {
  name: 'demo_open_gate',
  description: 'Opens a gate.',
  input: z.object({ gate: z.string(), percent: z.number() }),
  effect: 'write',
  async execute(input) {
    executed.push(input);
    return okResult('opened', `opened ${input.gate}`);
  },
};

/** The lights of an area as the index sees them now; a light can join the area while an approval waits. */
const areaLights: string[] = [];
const areaOn: Tool<{ area: string }> = {
  name: 'demo_area_on',
  description: 'Turns on the lights of an area.',
  input: z.object({ area: z.string() }),
  effect: 'write',
  describe: ({ area }) => ({ summary: `Turn on everything in area ${area}`, actsOn: [...areaLights] }),
  async execute(input) {
    executed.push(input);
    return okResult('on', `lights on in ${input.area}`);
  },
};

let db: Database;
let service: ApprovalService;
let events: EventBus<ApprovalEvents>;

beforeEach(() => {
  executed.length = 0;
  db = openDatabase(':memory:');
  events = new EventBus<ApprovalEvents>(createLogger('silent'));
  service = new ApprovalService({
    store: new ApprovalStore(db),
    audit: new AuditLog(db),
    canApprove: async (user) => user.id === 'admin',
    canApproveNow: async (user) => user.id === 'admin',
    timeoutMs: 60_000,
    events,
  });
});
afterEach(() => {
  service.stop();
  closeDatabase(db);
});

function run(approvals: ApprovalGate | undefined, input: unknown, tool = 'demo_open_gate', language = 'en', effect: 'ask' | 'deny' = 'ask') {
  const events: ChatEvent[] = [];
  const policy = createDefaultPolicy({ userRules: () => parseUserRules([{ effect, tool: 'demo_*' }]) });
  const deps = { tools: new ToolRegistry([openGate, areaOn]), policy, audit: new AuditLog(db), ...(approvals && { approvals }) };
  const context = { user: { id: 'kid', via: 'ingress' as const }, conversationId: 'c1', channel: 'http', signal: new AbortController().signal, language };
  const block = runToolCall(deps, { type: 'tool_use', id: 't1', name: tool, input }, context, (e) => events.push(e));
  return { block, events };
}

/** Approves every approval as soon as it is created, like a quick admin. */
function approveEverything(): void {
  events.on('approvals.changed', ({ approval }) => {
    if (approval.status === 'pending') void service.decide(approval.id, 'approve', { id: 'admin', displayName: 'Admin', via: 'ingress' });
  });
}

describe('the tool runner with real approvals', () => {
  it('runs exactly the approved input once approved', async () => {
    approveEverything();
    const { block, events } = run(createApprovalGate({ service }), { gate: 'front', percent: 100 });
    expect(await block).toMatchObject({ content: 'opened' });
    expect(executed).toEqual([{ gate: 'front', percent: 100 }]);
    expect(events.map((e) => e.type)).toEqual(['tool_call', 'approval_required', 'approval_resolved', 'tool_result']);
  });

  it('does not run a call whose approval was given for another input', async () => {
    approveEverything();
    const real = createApprovalGate({ service });
    const first = run(real, { gate: 'front', percent: 10 });
    await first.block;
    const usedId = first.events.find((e) => e.type === 'approval_required');
    if (usedId?.type !== 'approval_required') throw new Error('no approval');
    // A gate that hands back an approval of a different call (a bug, or a replay) must not be trusted.
    const replaying: ApprovalGate = {
      request: async () => ({ decision: 'approve', by: 'Admin', approvalId: usedId.approval_id }),
      consume: (id, call) => real.consume(id, call),
    };
    const second = run(replaying, { gate: 'front', percent: 100 });
    expect(await second.block).toMatchObject({ is_error: true, content: expect.stringMatching(/does not match this exact call/) });
    expect(executed).toEqual([{ gate: 'front', percent: 10 }]);
  });

  it('a denied call is not run and the model reads who denied it', async () => {
    events.on('approvals.changed', ({ approval }) => {
      if (approval.status === 'pending') void service.decide(approval.id, 'deny', { id: 'admin', displayName: 'Admin', via: 'ingress' });
    });
    const { block } = run(createApprovalGate({ service }), { gate: 'front', percent: 100 });
    expect(await block).toMatchObject({ is_error: true, content: expect.stringMatching(/Denied by Admin/) });
    expect(executed).toEqual([]);
  });

  it('tells a French speaker on the tool card why a call did not run; the model reads English', async () => {
    events.on('approvals.changed', ({ approval }) => {
      if (approval.status === 'pending') void service.decide(approval.id, 'deny', { id: 'admin', displayName: 'Admin', via: 'ingress' });
    });
    const denied = run(createApprovalGate({ service }), { gate: 'front', percent: 100 }, 'demo_open_gate', 'fr');
    expect(await denied.block).toMatchObject({ is_error: true, content: '{"error":"Denied by Admin; it was not done."}' });
    expect(denied.events.at(-1)).toEqual({ type: 'tool_result', id: 't1', ok: false, summary: 'Refusé par Admin ; rien n’a été fait.' });

    const late: ApprovalGate = { request: async () => ({ decision: 'expired', by: 'nobody' }) };
    const expired = run(late, { gate: 'front', percent: 100 }, 'demo_open_gate', 'fr');
    await expired.block;
    expect(expired.events.at(-1)).toMatchObject({ summary: 'Personne n’a approuvé à temps ; rien n’a été fait.' });

    const refused = run(undefined, { gate: 'front', percent: 100 }, 'demo_open_gate', 'fr', 'deny');
    await refused.block;
    expect(refused.events.at(-1)).toMatchObject({ summary: expect.stringMatching(/^Refusé par les règles : /) });
    expect(executed).toEqual([]);
  });
});

describe('an approval binds to what the call acts on', () => {
  beforeEach(() => {
    areaLights.splice(0, areaLights.length, 'light.porch');
  });

  it('runs when the area still holds what was approved', async () => {
    approveEverything();
    const { block, events } = run(createApprovalGate({ service }), { area: 'outside' }, 'demo_area_on');
    expect(await block).toMatchObject({ content: 'on' });
    expect(events.find((e) => e.type === 'approval_required')).toMatchObject({ summary: 'Turn on everything in area outside' });
    expect(executed).toEqual([{ area: 'outside' }]);
  });

  it('refuses when the area gained an entity while the approval waited', async () => {
    events.on('approvals.changed', ({ approval }) => {
      if (approval.status !== 'pending') return;
      areaLights.push('lock.gate');
      void service.decide(approval.id, 'approve', { id: 'admin', displayName: 'Admin', via: 'ingress' });
    });
    const { block } = run(createApprovalGate({ service }), { area: 'outside' }, 'demo_area_on');
    expect(await block).toMatchObject({
      is_error: true,
      content: expect.stringContaining('What this call acts on changed since it was approved (approved: light.porch; now: light.porch, lock.gate); it was not done.'),
    });
    expect(executed).toEqual([]);
  });

  it('says so in French on the card when the area changed while a French speaker’s approval waited', async () => {
    events.on('approvals.changed', ({ approval }) => {
      if (approval.status !== 'pending') return;
      areaLights.push('lock.gate');
      void service.decide(approval.id, 'approve', { id: 'admin', displayName: 'Admin', via: 'ingress' });
    });
    const { block, events: seen } = run(createApprovalGate({ service }), { area: 'outside' }, 'demo_area_on', 'fr');
    expect(await block).toMatchObject({ is_error: true, content: expect.stringContaining('What this call acts on changed since it was approved') });
    expect(seen.at(-1)).toMatchObject({ summary: 'Ce sur quoi agit cet appel a changé depuis l’accord (accordé : light.porch ; maintenant : light.porch, lock.gate) ; rien n’a été fait.' });
  });
});
