import type BetterSqlite3 from 'better-sqlite3';
import type { StoreOptions } from './store-options.js';

/** Why a conversation is tainted: what it read first, through which tool, and when. */
export interface TaintRecord {
  conversationId: string;
  /** Finishes "after reading …": "a mail from anna@example.com". */
  source: string;
  tool: string;
  taintedAt: string;
}

interface TaintRow {
  conversation_id: string;
  source: string;
  tool: string;
  tainted_at: string;
}

function toRecord(row: TaintRow): TaintRecord {
  return { conversationId: row.conversation_id, source: row.source, tool: row.tool, taintedAt: row.tainted_at };
}

/**
 * Tainted conversations, persisted so a restart does not clear them. The first source is kept:
 * later reads do not make a conversation more tainted, and the reason should not keep changing.
 */
export class TaintStore {
  private readonly now: () => Date;
  private readonly select: BetterSqlite3.Statement<[string], TaintRow>;
  private readonly insert: BetterSqlite3.Statement<[string, string, string, string]>;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.select = db.prepare('SELECT * FROM conversation_taint WHERE conversation_id = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO conversation_taint (conversation_id, source, tool, tainted_at) VALUES (?, ?, ?, ?)');
  }

  get(conversationId: string): TaintRecord | undefined {
    const row = this.select.get(conversationId);
    return row ? toRecord(row) : undefined;
  }

  /** Marks the conversation tainted (a no-op when it already is); returns the record that holds. */
  mark(conversationId: string, taint: { source: string; tool: string }): TaintRecord {
    this.insert.run(conversationId, taint.source, taint.tool, this.now().toISOString());
    return this.get(conversationId) ?? { conversationId, ...taint, taintedAt: this.now().toISOString() };
  }
}
