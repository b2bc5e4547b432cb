import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/contracts/chat-events.js';
import { HaError, MajordomeError } from '../../../src/errors.js';
import type { UserIdentity } from '../../../src/contracts/identity.js';
import { createApprovalGate } from '../../../src/policy/approvals/approval-gate.js';
import { EventBus } from '../../../src/events/bus.js';
import { createLogger } from '../../../src/logger.js';
import { ApprovalService, type ApprovalChange, type ApprovalEvents } from '../../../src/policy/approvals/approvals.js';
import { createApproverCheck, createCurrentApproverCheck } from '../../../src/policy/approvals/approvers.js';
import { AuditLog } from '../../../src/store/audit.js';
import { ApprovalStore } from '../../../src/store/approvals.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { testTools } from './described-calls.js';
import { smallHome } from './small-home.js';

const alice: UserIdentity = { id: 'user-admin', name: 'alice', displayName: 'Alice', via: 'ingress' };
const bob: UserIdentity = { id: 'user-bob', name: 'bob', displayName: 'Bob', via: 'ingress' };
const carol: UserIdentity = { id: 'user-carol', name: 'Carol', displayName: 'Carol', via: 'bearer' };
const dave: UserIdentity = { id: 'user-dave', name: 'dave', displayName: 'Dave', via: 'ingress' };
const automation: UserIdentity = { id: 'system', via: 'system' };

const UNLOCK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const tools = testTools({ home: { ...smallHome(), get: (id) => (id === 'lock.front_door' ? { name: 'Front Door' } : undefined) } });
/** A call as the runner hands it to the gate: with what its tool declares about it. */
const described = (tool: string, input: unknown) => ({ tool, input, description: tools.describe(tool, input) });

let db: Database;
let services: ApprovalService[];

beforeEach(() => {
  db = openDatabase(':memory:');
  services = [];
});
afterEach(() => {
  for (const service of services) service.stop();
  closeDatabase(db);
});

/** HA's user list as a decision reads it: the people as HA knows them now, or HA out of reach. */
interface FakeHaUsers {
  down: boolean;
  people: Map<string, UserIdentity>;
}

function setup(options: { timeoutMs?: number; now?: () => Date; approvers?: string[] } = {}) {
  const store = new ApprovalStore(db, options.now ? { now: options.now } : {});
  const audit = new AuditLog(db);
  const bus = new EventBus<ApprovalEvents>(createLogger('silent'));
  const approvers = options.approvers ?? ['carol'];
  const ha: FakeHaUsers = { down: false, people: new Map([alice, bob, carol, dave].map((user) => [user.id, { ...user, via: 'bearer', isAdmin: user === alice }])) };
  const personNow = async (userId: string): Promise<UserIdentity | undefined> => {
    if (ha.down) throw new HaError('ha_unavailable', 'Could not read the Home Assistant user list.');
    return ha.people.get(userId);
  };
  const service = new ApprovalService({
    store,
    audit,
    canApprove: createApproverCheck({ isAdmin: async (user) => user.id === 'user-admin', approvers }),
    canApproveNow: createCurrentApproverCheck({ personNow, approvers }),
    timeoutMs: options.timeoutMs ?? 60_000,
    events: bus,
    ...(options.now && { now: options.now }),
  });
  services.push(service);
  const changes: ApprovalChange[] = [];
  bus.on('approvals.changed', (change) => changes.push(change));
  const gate = createApprovalGate({ service });
  const events: ChatEvent[] = [];
  const context = (user: UserIdentity) => ({ user, conversationId: 'conv-1', channel: 'http' });
  const ask = (user: UserIdentity, input: unknown = UNLOCK, signal = new AbortController().signal) =>
    gate.request({ ...described('ha_call_service', input), reason: 'unlocking or opening a lock needs a yes' }, context(user), (e) => events.push(e), signal);
  /** The id of the approval the last request created, once its event is out. */
  const lastId = () => {
    const event = events.filter((e) => e.type === 'approval_required').at(-1);
    if (!event || event.type !== 'approval_required') throw new Error('no approval_required event');
    return event.approval_id;
  };
  return { store, audit, service, gate, events, changes, ask, lastId, ha };
}

async function refusal(promise: Promise<unknown>): Promise<MajordomeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MajordomeError)) throw new Error(`expected a MajordomeError, got ${String(err)}`);
  return err;
}

describe('an approval through the gate', () => {
  it('announces the call in plain words, waits, and returns who approved it', async () => {
    const { ask, events, lastId, service, store } = setup();
    const pending = ask(bob);
    const id = lastId();
    expect(events).toEqual([
      { type: 'approval_required', approval_id: id, tool: 'ha_call_service', summary: 'Unlock Front Door (lock.front_door)', reason: 'unlocking or opening a lock needs a yes', input: UNLOCK },
    ]);
    expect(store.get(id)?.status).toBe('pending');

    const view = await service.decide(id, 'approve', alice);
    expect(view).toMatchObject({ id, status: 'approved', decided_by: 'Alice', decided_by_id: 'user-admin', decided_via: 'panel' });
    await expect(pending).resolves.toEqual({ approvalId: id, decision: 'approve', by: 'Alice' });
    expect(events.at(-1)).toEqual({ type: 'approval_resolved', approval_id: id, decision: 'approve', by: 'Alice' });
  });

  it('binds the approval to the exact call: same input (any key order) once, never a changed one', async () => {
    const { ask, lastId, service, gate } = setup();
    const pending = ask(bob);
    const id = lastId();
    await service.decide(id, 'approve', alice);
    await pending;
    const reordered = { target: { entity_id: 'lock.front_door' }, service: 'unlock', domain: 'lock' };
    const changed = { ...UNLOCK, target: { entity_id: 'lock.back_door' } };
    expect(gate.consume(id, described('ha_call_service', changed))).toBe(false);
    expect(gate.consume(id, described('shell_run', UNLOCK))).toBe(false);
    expect(gate.consume(id, described('ha_call_service', reordered))).toBe(true);
    expect(gate.consume(id, described('ha_call_service', UNLOCK))).toBe(false);
  });

  it('a denial reaches the turn with the name of who denied', async () => {
    const { ask, lastId, service, gate } = setup();
    const pending = ask(bob);
    await service.decide(lastId(), 'deny', carol);
    await expect(pending).resolves.toMatchObject({ decision: 'deny', by: 'Carol' });
    expect(gate.consume(lastId(), described('ha_call_service', UNLOCK))).toBe(false);
  });

  it('expires as denied when nobody decides in time, and cannot be decided afterwards', async () => {
    const { ask, lastId, service, store, events } = setup({ timeoutMs: 5 });
    await expect(ask(bob)).resolves.toMatchObject({ decision: 'expired', by: 'nobody' });
    expect(store.get(lastId())).toMatchObject({ status: 'expired', decidedVia: 'system', decisionNote: 'nobody decided in time' });
    expect(events.at(-1)).toMatchObject({ type: 'approval_resolved', decision: 'expired' });
    const late = await refusal(service.decide(lastId(), 'approve', alice));
    expect(late).toMatchObject({ code: 'policy_denied', message: 'This approval expired (nobody decided in time).' });
  });

  it('expires when the turn is stopped (Stop, or shutdown)', async () => {
    const { ask, lastId, store } = setup();
    const controller = new AbortController();
    const pending = ask(bob, UNLOCK, controller.signal);
    controller.abort();
    await expect(pending).resolves.toMatchObject({ decision: 'expired' });
    expect(store.get(lastId())?.decisionNote).toBe('the request ended before anyone decided');
  });
});

describe('who may decide', () => {
  it('a user who is neither admin nor approver can approve nothing, not even their own request', async () => {
    const { ask, lastId, service, store } = setup();
    void ask(bob);
    const own = await refusal(service.decide(lastId(), 'approve', bob));
    expect(own).toMatchObject({ code: 'policy_denied', message: expect.stringMatching(/administrator or a listed approver/) });
    void ask(alice);
    await expect(refusal(service.decide(lastId(), 'approve', dave))).resolves.toMatchObject({ code: 'policy_denied' });
    await expect(refusal(service.decide(lastId(), 'deny', dave))).resolves.toMatchObject({ code: 'policy_denied' });
    await expect(refusal(service.decide(lastId(), 'approve', automation))).resolves.toMatchObject({ code: 'policy_denied' });
    expect(store.get(lastId())?.status).toBe('pending');
  });

  it('the requester may withdraw (deny) their own request', async () => {
    const { ask, lastId, service } = setup();
    const pending = ask(bob);
    await service.decide(lastId(), 'deny', bob);
    await expect(pending).resolves.toMatchObject({ decision: 'deny', by: 'Bob' });
  });

  it('admins may approve their own calls; listed approvers by username (any case) or id', async () => {
    const { ask, lastId, service } = setup({ approvers: ['CAROL', 'user-dave'] });
    const own = ask(alice);
    await service.decide(lastId(), 'approve', alice);
    await expect(own).resolves.toMatchObject({ decision: 'approve' });
    const byName = ask(bob);
    await service.decide(lastId(), 'approve', carol);
    await expect(byName).resolves.toMatchObject({ decision: 'approve', by: 'Carol' });
    const byId = ask(bob);
    await service.decide(lastId(), 'approve', dave);
    await expect(byId).resolves.toMatchObject({ decision: 'approve', by: 'Dave' });
  });

  it('asks HA who decides at that moment: an admin demoted since the list said she may is refused', async () => {
    const { ask, lastId, service, store, ha } = setup();
    void ask(bob);
    expect((await service.list({ user: alice }))[0]?.can_approve).toBe(true);
    ha.people.set(alice.id, { ...alice, via: 'bearer', isAdmin: false });
    await expect(refusal(service.decide(lastId(), 'approve', alice))).resolves.toMatchObject({ code: 'policy_denied' });
    ha.people.delete(carol.id);
    await expect(refusal(service.decide(lastId(), 'approve', carol))).resolves.toMatchObject({ code: 'policy_denied' });
    expect(store.get(lastId())?.status).toBe('pending');
  });

  it('refuses a decision HA cannot vouch for right now, in the decider’s language, and audits it; the requester may still withdraw', async () => {
    const { ask, lastId, service, store, audit, ha } = setup();
    const pending = ask(bob);
    ha.down = true;
    const refused = await refusal(service.decide(lastId(), 'approve', alice, 'panel', 'fr'));
    expect(refused).toMatchObject({ code: 'ha_unavailable', message: 'Home Assistant n’a pas pu dire si vous pouvez décider ceci, donc rien n’a été décidé. Réessayez dans un instant.' });
    await expect(refusal(service.decide(lastId(), 'deny', carol))).resolves.toMatchObject({ code: 'ha_unavailable' });
    expect(store.get(lastId())?.status).toBe('pending');
    expect(audit.list({ kind: 'approval' })[0]).toMatchObject({ actor: 'user-carol', decision: 'deny refused', outcome: 'pending' });
    await service.decide(lastId(), 'deny', bob);
    await expect(pending).resolves.toMatchObject({ decision: 'deny', by: 'Bob' });
  });

  it('the first decision wins; a second one is refused and changes nothing', async () => {
    const { ask, lastId, service, store } = setup();
    void ask(bob);
    await service.decide(lastId(), 'deny', carol);
    const second = await refusal(service.decide(lastId(), 'approve', alice));
    expect(second.message).toBe('This approval was already denied by Carol.');
    expect(store.get(lastId())?.status).toBe('denied');
    expect(await service.decide('no-such-id', 'approve', alice)).toBeUndefined();
  });

  it('says why a decision is refused in the language of the person deciding', async () => {
    const { ask, lastId, service } = setup();
    void ask(bob);
    const notApprover = await refusal(service.decide(lastId(), 'approve', dave, 'panel', 'fr'));
    expect(notApprover.message).toBe("Seul un administrateur de Home Assistant ou une personne autorisée à valider peut approuver ceci.");
    expect((await refusal(service.decide(lastId(), 'approve', dave))).message).toBe('Only a Home Assistant administrator or a listed approver can approve this.');
    await service.decide(lastId(), 'deny', carol);
    expect((await refusal(service.decide(lastId(), 'approve', alice, 'panel', 'fr-FR'))).message).toBe('Cette demande a déjà été refusée par Carol.');
  });
});

describe('listing, audit and change events', () => {
  it('approvers see every approval, others only their own; can_approve says who may act', async () => {
    const { ask, service } = setup();
    void ask(bob);
    void ask(dave);
    expect((await service.list({ user: alice })).map((a) => [a.requester_id, a.can_approve])).toEqual([
      ['user-dave', true],
      ['user-bob', true],
    ]);
    expect((await service.list({ user: bob })).map((a) => [a.requester_id, a.can_approve])).toEqual([['user-bob', false]]);
    expect(await service.list({ user: bob, status: 'approved' })).toEqual([]);
  });

  it('audits the request, every decision with who and where, and refused attempts', async () => {
    const { ask, lastId, service, audit } = setup();
    const pending = ask(bob);
    await refusal(service.decide(lastId(), 'approve', dave));
    await service.decide(lastId(), 'approve', carol);
    await pending;
    const rows = audit.list({ kind: 'approval' }).reverse();
    expect(rows.map((r) => [r.actor, r.decision, r.outcome])).toEqual([
      ['user-bob', 'requested', 'pending'],
      ['user-dave', 'approve refused', 'pending'],
      ['user-carol', 'approve', 'approved'],
    ]);
    expect(rows[2]).toMatchObject({ tool: 'ha_call_service', input: UNLOCK, conversationId: 'conv-1' });
    expect(rows[2]?.detail).toMatch(/approved by Carol via api/);
  });

  it('tells listeners about every creation and decision, with the requester', async () => {
    const { ask, lastId, service, changes } = setup();
    void ask(bob);
    await service.decide(lastId(), 'deny', alice);
    expect(changes.map((c) => [c.approval.status, c.requesterId])).toEqual([
      ['pending', 'user-bob'],
      ['denied', 'user-bob'],
    ]);
  });
});

describe('a restart', () => {
  it('reports approvals left pending as expired: late ones as timed out, others as ended by the restart', async () => {
    let clock = new Date('2026-01-01T10:00:00.000Z');
    const first = setup({ now: () => clock, timeoutMs: 10 * 60_000 });
    void first.ask(bob);
    const early = first.lastId();
    clock = new Date('2026-01-01T10:09:00.000Z');
    void first.ask(bob);
    const recent = first.lastId();
    first.service.stop();

    clock = new Date('2026-01-01T10:15:00.000Z');
    const second = setup({ now: () => clock });
    second.service.start();
    expect(second.store.get(early)).toMatchObject({ status: 'expired', decisionNote: 'nobody decided in time' });
    expect(second.store.get(recent)).toMatchObject({ status: 'expired', decisionNote: 'the request ended when Majordome restarted' });
    expect(second.changes.map((c) => c.approval.status)).toEqual(['expired', 'expired']);
    await expect(second.service.wait(recent)).resolves.toMatchObject({ decision: 'expired' });
  });
});
