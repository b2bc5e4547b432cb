import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../../src/store/migrate.js';

let db: BetterSqlite3.Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
});
afterEach(() => db.close());

function tableNames(): unknown[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
}

function counting(version: number, name: string, runs: Map<string, number>, sql: string): Migration {
  return {
    version,
    name,
    up(target) {
      runs.set(name, (runs.get(name) ?? 0) + 1);
      target.exec(sql);
    },
  };
}

describe('migrate', () => {
  it('runs each migration exactly once, then only the new ones', () => {
    const runs = new Map<string, number>();
    const first = [counting(1, 'a', runs, 'CREATE TABLE a (x)'), counting(2, 'b', runs, 'CREATE TABLE b (x)')];

    expect(migrate(db, first)).toEqual({ from: 0, to: 2, applied: ['1-a', '2-b'] });
    expect(migrate(db, first)).toEqual({ from: 2, to: 2, applied: [] });

    const more = [...first, counting(3, 'c', runs, 'CREATE TABLE c (x)')];
    expect(migrate(db, more)).toEqual({ from: 2, to: 3, applied: ['3-c'] });
    expect(Object.fromEntries(runs)).toEqual({ a: 1, b: 1, c: 1 });
    expect(tableNames()).toEqual(['a', 'b', 'c']);
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(target) {
        target.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    const runs = new Map<string, number>();
    expect(() => migrate(db, [counting(1, 'a', runs, 'CREATE TABLE a (x)'), broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames()).toEqual(['a']);
  });

  it('refuses a database newer than the migrations it knows', () => {
    db.pragma('user_version = 5');
    expect(() => migrate(db, [counting(1, 'a', new Map(), 'CREATE TABLE a (x)')])).toThrow(
      /schema version 5 but this version of Majordome only knows up to 1/,
    );
    expect(tableNames()).toEqual([]);
  });

  it('rejects a migration list with gaps', () => {
    const runs = new Map<string, number>();
    expect(() => migrate(db, [counting(1, 'a', runs, 'SELECT 1'), counting(3, 'c', runs, 'SELECT 1')])).toThrow(
      /version 3, expected 2/,
    );
    expect(runs.size).toBe(0);
  });
});
