import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/store/database.js';
import { migrate } from '../../../src/store/migrate.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { TaskStore } from '../../../src/store/tasks.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
afterEach(() => tmp.cleanup());

const OWNER = { id: 'user-admin', name: 'alice', via: 'ingress' as const };

describe('task store', () => {
  it('keeps the taint a task was scheduled under across a reopen; a clean task has none', () => {
    const path = tmp.path('majordome.db');
    const db = openDatabase(path);
    const store = new TaskStore(db);
    store.create({ id: 't1', owner: OWNER, prompt: 'Water the plants', spec: { kind: 'cron', cron: '0 7 * * *' }, conversationId: 'c1', taint: { source: 'a mail from anna@example.com' } });
    store.create({ id: 't2', owner: OWNER, prompt: 'Weather', spec: { kind: 'cron', cron: '0 8 * * *' }, conversationId: 'c2' });
    closeDatabase(db);

    const reopened = openDatabase(path);
    const again = new TaskStore(reopened);
    expect(again.get('t1')?.taint).toEqual({ source: 'a mail from anna@example.com' });
    expect(again.get('t2')).not.toHaveProperty('taint');
    closeDatabase(reopened);
  });

  it('migrates tasks saved before version 7 as untainted, keeping them', () => {
    const path = tmp.path('old.db');
    const raw = new BetterSqlite3(path);
    migrate(raw, MIGRATIONS.slice(0, 6));
    raw
      .prepare("INSERT INTO tasks (id, user_id, owner, prompt, kind, spec, status, conversation_id, created_at) VALUES ('old', 'user-admin', ?, 'Weather', 'cron', '{\"cron\":\"0 7 * * *\"}', 'active', 'c0', '2026-01-01T00:00:00.000Z')")
      .run(JSON.stringify(OWNER));
    raw.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const task = new TaskStore(db).get('old');
    expect(task).toMatchObject({ id: 'old', prompt: 'Weather', spec: { kind: 'cron', cron: '0 7 * * *' } });
    expect(task).not.toHaveProperty('taint');
    closeDatabase(db);
  });
});
