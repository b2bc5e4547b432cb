import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import type { StoreOptions } from './store-options.js';

/** A fact a user asked the agent to remember. */
export interface Memory {
  id: number;
  userId: string;
  fact: string;
  createdAt: string;
}

interface MemoryRow {
  id: number;
  user_id: string;
  fact: string;
  created_at: string;
}

function toMemory(row: MemoryRow): Memory {
  return { id: row.id, userId: row.user_id, fact: row.fact, createdAt: row.created_at };
}

/**
 * Turns free text into an FTS5 query: each word becomes a quoted prefix term joined by OR, so
 * punctuation or FTS operators in a user's words can never be a syntax error, and bm25 ranks the
 * facts sharing the most (rarest) words first.
 */
export function toFtsQuery(text: string): string | undefined {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2)
    .slice(0, 16);
  if (words.length === 0) return undefined;
  return [...new Set(words)].map((word) => `"${word}"*`).join(' OR ');
}

/** Long-term memories, strictly per user: every read and delete is scoped to a user id. */
export class MemoryStore {
  private readonly now: () => Date;
  private readonly insert: BetterSqlite3.Statement<[string, string, string], MemoryRow>;
  private readonly byUser: BetterSqlite3.Statement<[string, number], MemoryRow>;
  private readonly search: BetterSqlite3.Statement<[string, string, number], MemoryRow>;
  private readonly remove: BetterSqlite3.Statement<[number, string]>;
  private readonly same: BetterSqlite3.Statement<[string, string], MemoryRow>;
  private readonly holders: BetterSqlite3.Statement<[], { user_id: string }>;
  private readonly everyone: BetterSqlite3.Statement<[number], MemoryRow>;
  private readonly byId: BetterSqlite3.Statement<[number], MemoryRow>;
  private readonly rewrite: (id: number, userId: string, fact: string) => MemoryRow | undefined;
  /**
   * Users with at least one memory, read once and kept in step by save and delete (this store is
   * the table's only writer): every turn recalls, and most people keep no memories, so most
   * turns then skip the full-text query.
   */
  private withMemories: Set<string> | undefined;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.insert = db.prepare('INSERT INTO memories (user_id, fact, created_at) VALUES (?, ?, ?) RETURNING *');
    this.byUser = db.prepare('SELECT * FROM memories WHERE user_id = ? ORDER BY id DESC LIMIT ?');
    this.search = db.prepare(
      `SELECT m.* FROM memories_fts f JOIN memories m ON m.id = f.rowid
       WHERE memories_fts MATCH ? AND m.user_id = ? ORDER BY bm25(memories_fts), m.id DESC LIMIT ?`,
    );
    this.remove = db.prepare('DELETE FROM memories WHERE id = ? AND user_id = ?');
    this.same = db.prepare('SELECT * FROM memories WHERE user_id = ? AND fact = ?');
    this.holders = db.prepare('SELECT DISTINCT user_id FROM memories');
    this.everyone = db.prepare('SELECT * FROM memories ORDER BY id DESC LIMIT ?');
    this.byId = db.prepare('SELECT * FROM memories WHERE id = ?');
    // The full-text index has insert and delete triggers only (005): an edit moves its entry by hand, in one transaction.
    const read = db.prepare<[number, string], MemoryRow>('SELECT * FROM memories WHERE id = ? AND user_id = ?');
    const unindex = db.prepare<[number, string]>("INSERT INTO memories_fts (memories_fts, rowid, fact) VALUES ('delete', ?, ?)");
    const change = db.prepare<[string, number]>('UPDATE memories SET fact = ? WHERE id = ?');
    const index = db.prepare<[number, string]>('INSERT INTO memories_fts (rowid, fact) VALUES (?, ?)');
    this.rewrite = db.transaction((id: number, userId: string, fact: string) => {
      const old = read.get(id, userId);
      if (!old) return undefined;
      unindex.run(id, old.fact);
      change.run(fact, id);
      index.run(id, fact);
      return { ...old, fact };
    });
  }

  /** Saves a fact for a user; saving the same fact twice keeps the first. */
  save(userId: string, fact: string): Memory {
    const existing = this.same.get(userId, fact);
    if (existing) return toMemory(existing);
    const row = this.insert.get(userId, fact, this.now().toISOString());
    if (!row) throw new MajordomeError('internal', 'memory insert returned no row');
    this.withMemories?.add(userId);
    return toMemory(row);
  }

  /** The user's memories, newest first. */
  list(userId: string, limit = 200): Memory[] {
    return this.byUser.all(userId, limit).map(toMemory);
  }

  /** The user's memories most relevant to `query`, best first; none when the query has no words. */
  find(userId: string, query: string, limit = 5): Memory[] {
    this.withMemories ??= new Set(this.holders.all().map((row) => row.user_id));
    if (!this.withMemories.has(userId)) return [];
    const fts = toFtsQuery(query);
    if (!fts) return [];
    return this.search.all(fts, userId, limit).map(toMemory);
  }

  /** Everyone's memories, newest first (for administrators). */
  listAll(limit = 500): Memory[] {
    return this.everyone.all(limit).map(toMemory);
  }

  /** Whose memory this is; undefined when there is none with this id. */
  ownerOf(id: number): string | undefined {
    return this.byId.get(id)?.user_id;
  }

  /** Rewrites one of the user's memories (a correction from the panel); undefined when it is not theirs or does not exist. */
  update(userId: string, id: number, fact: string): Memory | undefined {
    const row = this.rewrite(id, userId, fact);
    return row && toMemory(row);
  }

  /** Deletes one of the user's memories; false when it is not theirs or does not exist. */
  delete(userId: string, id: number): boolean {
    const removed = this.remove.run(id, userId).changes > 0;
    // The user's last memory may be gone: read the holders again on the next find.
    if (removed) this.withMemories = undefined;
    return removed;
  }
}
