import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/store/audit.js';
import { ConversationStore } from '../../../src/store/conversations.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let audit: AuditLog;

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  audit = new AuditLog(db);
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

function recordMany(n: number): void {
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) audit.record({ actor: 'alice', kind: 'turn', detail: `turn ${i}` });
  })();
}

describe('AuditLog', () => {
  it('returns what it recorded, with an id and an ISO-8601 UTC time, and keeps it across reopening', () => {
    const entry = audit.record({
      actor: 'alice',
      kind: 'tool_call',
      tool: 'ha_call_service',
      input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } },
      decision: 'ask',
      outcome: 'approved by bob',
      conversationId: 'conv-1',
      detail: 'front door',
    });
    expect(entry.id).toBeGreaterThan(0);
    expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    closeDatabase(db);

    db = openDatabase(tmp.path('majordome.db'));
    expect(new AuditLog(db).list({})).toStrictEqual([entry]);
  });

  it('omits fields that were not given and normalises a given time to UTC', () => {
    const entry = audit.record({ actor: 'system', kind: 'config', at: '2024-05-01T12:00:00+02:00' });
    expect(entry).toStrictEqual({ id: entry.id, at: '2024-05-01T10:00:00.000Z', actor: 'system', kind: 'config' });
    expect(() => audit.record({ actor: 'system', kind: 'config', at: 'yesterday' })).toThrow(/not a date/);
  });

  it('lists newest first, 50 by default, never more than 500, and pages with before', () => {
    recordMany(520);
    const page = audit.list({});
    expect(page).toHaveLength(50);
    expect(page[0]?.detail).toBe('turn 520');
    expect(page[49]?.detail).toBe('turn 471');
    expect(audit.list({ limit: 3 }).map((e) => e.detail)).toEqual(['turn 520', 'turn 519', 'turn 518']);
    expect(audit.list({ limit: 10_000 })).toHaveLength(500);

    const next = audit.list({ limit: 2, before: page[49]?.id });
    expect(next.map((e) => e.detail)).toEqual(['turn 470', 'turn 469']);
  });

  it('filters by kind', () => {
    audit.record({ actor: 'alice', kind: 'auth', outcome: 'ok' });
    audit.record({ actor: 'alice', kind: 'approval', decision: 'approve' });
    audit.record({ actor: 'bob', kind: 'auth', outcome: 'refused' });
    expect(audit.list({ kind: 'auth' }).map((e) => e.outcome)).toEqual(['refused', 'ok']);
    expect(audit.list({ kind: 'nonsense' })).toEqual([]);
  });

  it('is append-only, even for SQL that bypasses the API', () => {
    audit.record({ actor: 'alice', kind: 'turn' });
    expect(() => db.prepare("UPDATE audit SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(audit.list({})[0]?.actor).toBe('alice');
  });

  it('keeps rows about a conversation after the conversation is deleted', () => {
    const conversations = new ConversationStore(db);
    const c = conversations.create({ userId: 'alice', channel: 'panel' });
    audit.record({ actor: 'alice', kind: 'turn', conversationId: c.id });
    conversations.delete(c.id);
    expect(audit.list({})[0]?.conversationId).toBe(c.id);
  });

  it('returns an input that is not valid JSON as its raw text instead of failing the list', () => {
    // Triggers forbid UPDATE, so plant the bad row directly.
    db.prepare("INSERT INTO audit (at, actor, kind, input) VALUES ('2024-01-01T00:00:00.000Z', 'x', 'tool_call', '{broken')").run();
    audit.record({ actor: 'alice', kind: 'turn' });
    const [newest, planted] = audit.list({});
    expect(newest?.actor).toBe('alice');
    expect(planted?.input).toBe('{broken');
  });
});
