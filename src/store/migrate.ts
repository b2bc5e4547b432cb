import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';

/** One schema step. `version` is the `PRAGMA user_version` the database has once `up` ran. */
export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

/** What `migrate` did: the schema version before and after. */
export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/** Throws unless versions run 1, 2, 3, … without gaps or repeats (a programming error). */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MajordomeError(
        'internal',
        `migration "${m.name}" has version ${m.version}, expected ${i + 1}: versions must run 1, 2, 3, … in order`,
      );
    }
  });
}

/** The migrations still to run on a database at `current`; refuses a database newer than the code. */
export function pendingMigrations(migrations: readonly Migration[], current: number): Migration[] {
  const latest = migrations.length;
  if (current > latest) {
    throw new MajordomeError(
      'internal',
      `the database is at schema version ${current} but this version of Majordome only knows up to ${latest}; ` +
        'it was written by a newer Majordome: upgrade Majordome, or restore a backup made by this version',
    );
  }
  return migrations.slice(current);
}

function userVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date. Each migration runs in its own IMMEDIATE transaction together
 * with its `user_version` bump, so a failing step leaves the database at the previous version,
 * and a second process opening the same file waits instead of migrating twice.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[]): MigrationReport {
  checkMigrations(migrations);
  const from = userVersion(db);
  const applied: string[] = [];
  for (const migration of pendingMigrations(migrations, from)) {
    const step = db.transaction(() => {
      // Re-read under the write lock: another process may have run this step meanwhile.
      if (userVersion(db) >= migration.version) return false;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (step.immediate()) applied.push(`${migration.version}-${migration.name}`);
  }
  return { from, to: userVersion(db), applied };
}
