import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalStore, type NewApproval } from '../../../src/store/approvals.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let clock: Date;
let store: ApprovalStore;

beforeEach(() => {
  clock = new Date('2026-01-01T10:00:00.000Z');
  db = openDatabase(tmp.path('majordome.db'));
  store = new ApprovalStore(db, { now: () => clock });
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

function unlockFrontDoor(extra: Partial<NewApproval> = {}): NewApproval {
  return {
    tool: 'ha_call_service',
    inputJson: '{"domain":"lock","service":"unlock","target":{"entity_id":"lock.front_door"}}',
    inputHash: 'hash-front-door',
    summary: 'Unlock Front Door',
    reason: 'unlocking a lock needs a yes',
    requesterId: 'user-bob',
    requesterName: 'Bob',
    conversationId: 'conv-1',
    channel: 'http',
    expiresAt: new Date('2026-01-01T10:10:00.000Z'),
    ...extra,
  };
}

describe('ApprovalStore', () => {
  it('stores a pending approval with its input and survives reopening', () => {
    const created = store.create(unlockFrontDoor({ id: 'a1' }));
    expect(created).toEqual({
      id: 'a1',
      tool: 'ha_call_service',
      input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } },
      inputHash: 'hash-front-door',
      summary: 'Unlock Front Door',
      reason: 'unlocking a lock needs a yes',
      requesterId: 'user-bob',
      requesterName: 'Bob',
      conversationId: 'conv-1',
      channel: 'http',
      status: 'pending',
      createdAt: '2026-01-01T10:00:00.000Z',
      expiresAt: '2026-01-01T10:10:00.000Z',
    });
    closeDatabase(db);
    db = openDatabase(tmp.path('majordome.db'));
    expect(new ApprovalStore(db).get('a1')).toEqual(created);
  });

  it('decides once: the second decision (another device, the expiry timer) loses', () => {
    store.create(unlockFrontDoor({ id: 'a1' }));
    clock = new Date('2026-01-01T10:01:00.000Z');
    const approved = store.decide('a1', { status: 'approved', by: 'user-admin', byName: 'Alice', via: 'panel' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'user-admin', decidedByName: 'Alice', decidedVia: 'panel', decidedAt: '2026-01-01T10:01:00.000Z' });
    expect(store.decide('a1', { status: 'expired', via: 'system' })).toBeUndefined();
    expect(store.decide('missing', { status: 'denied', via: 'api' })).toBeUndefined();
    expect(store.get('a1')?.status).toBe('approved');
  });

  it('lets an approval be used once, only for the call it was given for, and only once approved', () => {
    store.create(unlockFrontDoor({ id: 'a1' }));
    expect(store.consume('a1', 'hash-front-door')).toBe(false);
    store.decide('a1', { status: 'approved', by: 'user-admin', via: 'panel' });
    expect(store.consume('a1', 'hash-back-door')).toBe(false);
    expect(store.consume('a1', 'hash-front-door')).toBe(true);
    expect(store.consume('a1', 'hash-front-door')).toBe(false);
    expect(store.get('a1')?.consumedAt).toBe('2026-01-01T10:00:00.000Z');

    store.create(unlockFrontDoor({ id: 'a2' }));
    store.decide('a2', { status: 'denied', by: 'user-admin', via: 'panel' });
    expect(store.consume('a2', 'hash-front-door')).toBe(false);
  });

  it('lists newest first, by status and by requester, and lists pending ones oldest first', () => {
    store.create(unlockFrontDoor({ id: 'a1' }));
    clock = new Date('2026-01-01T10:00:01.000Z');
    store.create(unlockFrontDoor({ id: 'a2', requesterId: 'user-admin' }));
    clock = new Date('2026-01-01T10:00:02.000Z');
    store.create(unlockFrontDoor({ id: 'a3' }));
    store.decide('a3', { status: 'denied', by: 'user-bob', via: 'panel' });

    expect(store.list().map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(store.list({ status: 'pending' }).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(store.list({ requesterId: 'user-bob' }).map((a) => a.id)).toEqual(['a3', 'a1']);
    expect(store.list({ limit: 1 }).map((a) => a.id)).toEqual(['a3']);
    expect(store.pending().map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('refuses inconsistent rows even from code that bypasses the store', () => {
    store.create(unlockFrontDoor({ id: 'a1' }));
    expect(() => db.prepare("UPDATE approvals SET status = 'approved' WHERE id = 'a1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE approvals SET status = 'maybe', decided_at = 'x' WHERE id = 'a1'").run()).toThrow(/CHECK/);
  });
});
