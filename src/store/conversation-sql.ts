import type BetterSqlite3 from 'better-sqlite3';
import { containsPattern } from './text.js';

/** A `conversations` row as selected. */
export interface ConversationRow {
  id: string;
  user_id: string;
  channel: string;
  title: string;
  created_at: string;
  updated_at: string;
  message_count: number;
}

/** A `messages` row as selected. */
export interface MessageRow {
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
}

interface Page {
  limit: number;
  offset: number;
}

const COLUMNS = 'c.id, c.user_id, c.channel, c.title, c.created_at, c.updated_at, c.message_count';
const NEXT_TOUCH = '(SELECT coalesce(max(touched), 0) + 1 FROM conversations)';
const SEARCH =
  `(c.title_fold LIKE @pattern ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m ` +
  `WHERE m.conversation_id = c.id AND m.search_text LIKE @pattern ESCAPE '\\'))`;

function listSql(where: string[]): string {
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return `SELECT ${COLUMNS} FROM conversations c ${clause} ORDER BY c.touched DESC LIMIT @limit OFFSET @offset`;
}

/** Every statement ConversationStore runs, prepared once per store. */
export function prepareConversationStatements(db: BetterSqlite3.Database) {
  return {
    insert: db.prepare<[string, string, string, string, string, string, string]>(
      `INSERT INTO conversations (id, user_id, channel, title, title_fold, created_at, updated_at, touched)
       VALUES (?, ?, ?, ?, ?, ?, ?, ${NEXT_TOUCH})`,
    ),
    get: db.prepare<[string], ConversationRow>(`SELECT ${COLUMNS} FROM conversations c WHERE c.id = ?`),
    rename: db.prepare<[string, string, string]>('UPDATE conversations SET title = ?, title_fold = ? WHERE id = ?'),
    delete: db.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
    maxSeq: db
      .prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM messages WHERE conversation_id = ?')
      .pluck(),
    insertMessage: db.prepare<[string, number, string, string, string, string]>(
      `INSERT INTO messages (conversation_id, seq, role, content, search_text, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    touch: db.prepare<[string, number, string, string, string]>(
      `UPDATE conversations SET updated_at = ?, message_count = message_count + ?, title = ?, title_fold = ?,
       touched = ${NEXT_TOUCH} WHERE id = ?`,
    ),
    messages: db.prepare<[string], MessageRow>(
      'SELECT seq, role, content, created_at FROM messages WHERE conversation_id = ? ORDER BY seq',
    ),
    listAll: db.prepare<[Page], ConversationRow>(listSql([])),
    listByUser: db.prepare<[Page & { userId: string }], ConversationRow>(listSql(['c.user_id = @userId'])),
    listSearch: db.prepare<[Page & { pattern: string }], ConversationRow>(listSql([SEARCH])),
    listByUserSearch: db.prepare<[Page & { userId: string; pattern: string }], ConversationRow>(
      listSql(['c.user_id = @userId', SEARCH]),
    ),
  };
}

/** The prepared statements of one store. */
export type ConversationStatements = ReturnType<typeof prepareConversationStatements>;

/**
 * Picks the statement for a filter combination; one statement per combination keeps each
 * query plan on its index (an `? IS NULL OR …` form would defeat the user_id index).
 */
export function listQuery(
  sql: ConversationStatements,
  filter: { userId: string | undefined; search: string },
): (page: Page) => ConversationRow[] {
  const { userId, search } = filter;
  if (search === '') {
    return userId === undefined ? (page) => sql.listAll.all(page) : (page) => sql.listByUser.all({ ...page, userId });
  }
  const pattern = containsPattern(search);
  return userId === undefined
    ? (page) => sql.listSearch.all({ ...page, pattern })
    : (page) => sql.listByUserSearch.all({ ...page, userId, pattern });
}
