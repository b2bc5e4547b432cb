import { existsSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MajordomeError } from '../../../src/errors.js';
import { closeDatabase, openDatabase } from '../../../src/store/database.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates missing parent directories and the database file, in WAL mode with foreign keys on', () => {
    const path = tmp.path('nested/deeper/majordome.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    closeDatabase(db);
    closeDatabase(db); // a second stop() must not throw

    // WAL is a property of the file: any later connection sees it.
    const raw = new BetterSqlite3(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('opens an in-memory database with the full schema', () => {
    const db = openDatabase(':memory:');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit', 'conversations', 'messages']));
    closeDatabase(db);
  });

  it('keeps data and schema version when reopened, without migrating again', () => {
    const path = tmp.path('majordome.db');
    const first = openDatabase(path);
    first.prepare("INSERT INTO audit (at, actor, kind) VALUES ('2024-01-01T00:00:00.000Z', 'u', 'auth')").run();
    closeDatabase(first);

    const second = openDatabase(path);
    expect(second.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(second.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(1);
    closeDatabase(second);
  });

  it('refuses a database written by a newer Majordome, with a message saying so, and leaves it untouched', () => {
    const path = tmp.path('majordome.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 99');
    raw.close();

    let caught: unknown;
    try {
      openDatabase(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MajordomeError);
    expect((caught as Error).message).toMatch(new RegExp(`schema version 99 .* only knows up to ${MIGRATIONS.length}`));
    expect((caught as Error).message).toMatch(/newer Majordome/);

    const after = new BetterSqlite3(path);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    after.close();
  });

  it('reports a file that is not a database as a MajordomeError naming the problem', () => {
    const path = tmp.path('majordome.db');
    writeFileSync(path, 'this is not a database, just text that happens to be long enough '.repeat(20));
    expect(() => openDatabase(path)).toThrow(/cannot open the database .*not a database/);
  });
});
