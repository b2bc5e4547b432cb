import type { Migration } from '../migrate.js';

/**
 * Conversations, their messages and the audit log.
 * - `touched` is a store-wide counter bumped on every change: it orders "newest first" exactly,
 *   even when two updates share a millisecond timestamp.
 * - `*_fold` / `search_text` hold lower-cased, accent-free text so search finds "lumiere" in
 *   "Lumière" without a per-row function call.
 * - The audit table has no foreign key (rows outlive deleted conversations) and triggers make it
 *   append-only even for code that bypasses AuditLog.
 */
const SQL = `
CREATE TABLE conversations (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL,
  channel       TEXT NOT NULL,
  title         TEXT NOT NULL DEFAULT '',
  title_fold    TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0,
  touched       INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_by_touched ON conversations (touched DESC);
CREATE INDEX conversations_by_user ON conversations (user_id, touched DESC);

CREATE TABLE messages (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content         TEXT NOT NULL,
  search_text     TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) STRICT;

CREATE TABLE audit (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('tool_call', 'decision', 'approval', 'turn', 'auth', 'config')),
  tool            TEXT,
  input           TEXT,
  decision        TEXT,
  outcome         TEXT,
  conversation_id TEXT,
  detail          TEXT
) STRICT;
CREATE INDEX audit_by_kind ON audit (kind, id DESC);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/** First schema. */
export const init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(SQL);
  },
};
