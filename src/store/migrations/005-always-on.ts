import type { Migration } from '../migrate.js';

/**
 * Long-term memory and scheduled tasks.
 * - `memories`: facts a user asked the agent to remember, per user; `memories_fts` is an external
 *   content FTS5 index over them, kept in step by triggers so search needs no second write path.
 * - `tasks`: prompts the agent runs on its own (cron, once at a time, or on an HA trigger / new
 *   mail), as the user who created them. `owner` is the creator's identity as JSON, because a run
 *   is a turn as that user long after the request that created it is gone.
 */
const SQL = `
CREATE TABLE memories (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    TEXT NOT NULL,
  fact       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX memories_by_user ON memories (user_id, id);
CREATE VIRTUAL TABLE memories_fts USING fts5 (fact, content = 'memories', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER memories_ai AFTER INSERT ON memories BEGIN
  INSERT INTO memories_fts (rowid, fact) VALUES (new.id, new.fact);
END;
CREATE TRIGGER memories_ad AFTER DELETE ON memories BEGIN
  INSERT INTO memories_fts (memories_fts, rowid, fact) VALUES ('delete', old.id, old.fact);
END;

CREATE TABLE tasks (
  id              TEXT PRIMARY KEY,
  user_id         TEXT NOT NULL,
  owner           TEXT NOT NULL,
  prompt          TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('cron', 'at', 'trigger')),
  spec            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('active', 'paused', 'done')),
  conversation_id TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  last_run_at     TEXT,
  last_ok         INTEGER,
  last_result     TEXT
) STRICT;
CREATE INDEX tasks_by_user ON tasks (user_id, created_at);
`;

/** Fifth schema step. */
export const alwaysOn: Migration = {
  version: 5,
  name: 'always-on',
  up(db) {
    db.exec(SQL);
  },
};
