import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalStore } from '../../../../src/store/approvals.js';
import { closeDatabase, openDatabase } from '../../../../src/store/database.js';
import { migrate } from '../../../../src/store/migrate.js';
import { MIGRATIONS } from '../../../../src/store/migrations/index.js';
import { useTempDir } from '../temp-dir.js';

const tmp = useTempDir();
afterEach(() => tmp.cleanup());

/** The schema version before approvals kept their reason's wording. */
const PREVIOUS = 10;

describe('schema step 11: an approval keeps its reason before it was worded', () => {
  it('keeps the approvals of the previous schema, without a wording, and stores one for new approvals', () => {
    const path = tmp.path('majordome.db');
    const old = new BetterSqlite3(path);
    migrate(old, MIGRATIONS.slice(0, PREVIOUS));
    old
      .prepare(
        `INSERT INTO approvals (id, tool, input, input_hash, summary, reason, requester_id, channel, status, created_at, expires_at)
         VALUES ('old', 'ha_call_service', '{}', 'hash-old', 'Unlock Front Door', 'unlocking or opening a lock needs a yes', 'user-bob', 'http', 'pending', '2026-01-01T10:00:00.000Z', '2026-01-01T10:10:00.000Z')`,
      )
      .run();
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = new ApprovalStore(db);
    const kept = store.get('old');
    expect(kept).toMatchObject({ summary: 'Unlock Front Door', reason: 'unlocking or opening a lock needs a yes' });
    expect(kept && 'reasonWords' in kept).toBe(false);

    const words = { key: 'policy.for_targets', params: { reason: { key: 'rule.lock_unlock' }, targets: 'lock.front_door' } };
    const fresh = store.create({
      tool: 'ha_call_service',
      inputJson: '{}',
      inputHash: 'hash-new',
      summary: 'Unlock Front Door (lock.front_door)',
      reason: 'unlocking or opening a lock needs a yes (lock.front_door)',
      reasonWordsJson: JSON.stringify(words),
      requesterId: 'user-bob',
      channel: 'http',
      expiresAt: new Date('2026-01-01T10:10:00.000Z'),
    });
    expect(store.get(fresh.id)?.reasonWords).toEqual(words);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'approvals'").pluck().get()).toBe(1);
    closeDatabase(db);
  });
});
