import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MajordomeError, describeError } from '../errors.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/** An open better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** How long a write waits for another connection's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5000;

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}

function configure(db: Database): void {
  // WAL lets readers (history API) run while the agent writes; NORMAL is durable in WAL mode
  // except for the last transactions on power loss, which is the usual trade-off for it.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Opens (creating if needed) the database at `path`, or an in-memory one for ':memory:',
 * sets the pragmas and brings the schema up to date. Throws MajordomeError when the file
 * cannot be opened, is not a database, or was written by a newer Majordome.
 */
export function openDatabase(path: string): Database {
  if (!isInMemory(path)) mkdirSync(dirname(path), { recursive: true });
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    configure(db);
    migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof MajordomeError) throw err;
    throw new MajordomeError('internal', `cannot open the database at ${path}: ${describeError(err)}`, { cause: err });
  }
}

/** Lets SQLite refresh its planner statistics, then closes; safe to call twice. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}
