import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalStore, type NewApproval } from '../../../../src/store/approvals.js';
import { closeDatabase, openDatabase } from '../../../../src/store/database.js';
import { migrate } from '../../../../src/store/migrate.js';
import { MIGRATIONS } from '../../../../src/store/migrations/index.js';
import { useTempDir } from '../temp-dir.js';

const tmp = useTempDir();
afterEach(() => tmp.cleanup());

/** The schema version before approvals knew Telegram and Slack as where a decision was taken. */
const PREVIOUS = 9;

function approval(id: string, createdAt: string): NewApproval {
  return {
    id,
    tool: 'ha_call_service',
    inputJson: `{"domain":"lock","service":"unlock","target":{"entity_id":"lock.${id}"}}`,
    inputHash: `hash-${id}`,
    summary: `Unlock ${id}`,
    reason: 'unlocking a lock needs a yes',
    requesterId: 'user-bob',
    requesterName: 'Bob',
    conversationId: 'conv-1',
    channel: 'http',
    expiresAt: new Date(Date.parse(createdAt) + 600_000),
  };
}

/** A decision as the previous Majordome wrote it. */
type OldDecision = { status: 'approved' | 'denied' | 'expired'; via: string; by?: string; byName?: string; note?: string };

/**
 * A database as the previous Majordome left it: approvals pending, decided from everywhere it knew,
 * expired, used. Written in the previous schema's own columns: today's store knows later ones.
 */
function previousDatabase(path: string): void {
  const db = new BetterSqlite3(path);
  migrate(db, MIGRATIONS.slice(0, PREVIOUS));
  // One clock for all: the list orders ties by rowid, which the rebuild must keep.
  const at = '2026-01-01T10:00:00.000Z';
  const insert = db.prepare(
    `INSERT INTO approvals (id, tool, input, input_hash, summary, reason, requester_id, requester_name, conversation_id, channel, status, created_at, expires_at)
     VALUES (@id, @tool, @inputJson, @inputHash, @summary, @reason, @requesterId, @requesterName, @conversationId, @channel, 'pending', @at, @expiresAt)`,
  );
  for (const id of ['panel', 'phone', 'api', 'expired', 'telegram', 'slack']) {
    const row = approval(id, at);
    insert.run({ ...row, at, expiresAt: row.expiresAt.toISOString() });
  }
  const decide = db.prepare(
    `UPDATE approvals SET status = @status, decided_at = @at, decided_by = @by, decided_by_name = @byName, decided_via = @via, decision_note = @note WHERE id = @id`,
  );
  const decisions: Array<[string, OldDecision]> = [
    ['panel', { status: 'approved', via: 'panel', by: 'user-admin', byName: 'Alice' }],
    ['phone', { status: 'denied', via: 'phone', by: 'user-admin', byName: 'Alice' }],
    ['api', { status: 'approved', via: 'api', by: 'user-admin' }],
    ['expired', { status: 'expired', via: 'system', note: 'nobody decided in time' }],
  ];
  for (const [id, d] of decisions) decide.run({ id, at, by: null, byName: null, note: null, ...d });
  db.prepare("UPDATE approvals SET consumed_at = ? WHERE id = 'panel'").run(at);
  db.close();
}

const allRows = (db: BetterSqlite3.Database) => db.prepare('SELECT rowid, * FROM approvals ORDER BY rowid').all();
const indexes = (db: BetterSqlite3.Database) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'approvals' ORDER BY name").all();

describe('schema step 10: approvals decided from Telegram and Slack', () => {
  it('keeps every approval (rowids too) and index of a database made by the previous schema', () => {
    const path = tmp.path('majordome.db');
    previousDatabase(path);
    const old = new BetterSqlite3(path);
    const [rowsBefore, indexesBefore] = [allRows(old), indexes(old)];
    old.close();
    expect(rowsBefore).toHaveLength(6);

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // Later steps add columns (step 11: reason_words), empty on these rows.
    expect(allRows(db)).toEqual(rowsBefore.map((row) => ({ ...(row as object), reason_words: null })));
    expect(indexes(db)).toEqual(indexesBefore);
    expect(new ApprovalStore(db).list().map((record) => record.id)).toEqual(['slack', 'telegram', 'expired', 'api', 'phone', 'panel']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'approvals'").pluck().get()).toBe(1);
    closeDatabase(db);
  });

  it('lets a decision say it came from Telegram or Slack, and still refuses anything else or a decision without a date', () => {
    const path = tmp.path('majordome.db');
    previousDatabase(path);
    const db = openDatabase(path);
    const store = new ApprovalStore(db);
    expect(store.decide('telegram', { status: 'approved', via: 'telegram', by: 'user-admin', byName: 'Alice' })).toMatchObject({ decidedVia: 'telegram' });
    expect(store.decide('slack', { status: 'denied', via: 'slack', by: 'user-admin', byName: 'Alice' })).toMatchObject({ decidedVia: 'slack' });
    expect(store.get('telegram')?.decidedVia).toBe('telegram');

    store.create(approval('more', '2026-01-01T11:00:00.000Z'));
    expect(() => db.prepare("UPDATE approvals SET status = 'approved', decided_at = 'now', decided_via = 'carrier-pigeon' WHERE id = 'more'").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE approvals SET status = 'approved' WHERE id = 'more'").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE approvals SET status = 'maybe', decided_at = 'now' WHERE id = 'more'").run()).toThrow(/CHECK constraint/);
    expect(store.get('more')?.status).toBe('pending');
    closeDatabase(db);
  });
});
