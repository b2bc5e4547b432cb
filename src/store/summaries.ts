import type BetterSqlite3 from 'better-sqlite3';
import type { StoreOptions } from './store-options.js';

/** A conversation's compacted start: `covered` stored messages replaced by `text` for the model. */
export interface ConversationSummaryRecord {
  covered: number;
  text: string;
}

interface SummaryRow {
  covered: number;
  summary: string;
}

/** One summary per conversation, replaced at each compaction; deleted with the conversation. */
export class SummaryStore {
  readonly #now: () => Date;
  readonly #get: BetterSqlite3.Statement<[string], SummaryRow>;
  readonly #save: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database, options: StoreOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#get = db.prepare('SELECT covered, summary FROM conversation_summaries WHERE conversation_id = ?');
    this.#save = db.prepare(
      `INSERT INTO conversation_summaries (conversation_id, covered, summary, model, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET covered = excluded.covered, summary = excluded.summary,
         model = excluded.model, updated_at = excluded.updated_at`,
    );
  }

  get(conversationId: string): ConversationSummaryRecord | undefined {
    const row = this.#get.get(conversationId);
    return row && { covered: row.covered, text: row.summary };
  }

  /** Throws (foreign key) when the conversation does not exist. */
  save(conversationId: string, summary: ConversationSummaryRecord, model: string): void {
    this.#save.run(conversationId, summary.covered, summary.text, model, this.#now().toISOString());
  }
}
