import type { Migration } from '../migrate.js';

/**
 * Model usage and conversation summaries.
 * - `model_usage`: one row per model call, with the day it counts for (`day`, YYYY-MM-DD in the
 *   home's time zone at the time of the call) so daily totals and the daily budget need no time
 *   zone arithmetic in SQL. `input_tokens` is the uncached input; cache reads and writes apart.
 *   No foreign key: spend stays counted when a conversation is deleted.
 * - `conversation_summaries`: the compacted start of a conversation. `covered` stored messages
 *   (from the first) are replaced by `summary` in what the model is sent; the messages
 *   themselves stay for the history in the panel.
 */
const SQL = `
CREATE TABLE model_usage (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  at                 TEXT NOT NULL,
  day                TEXT NOT NULL,
  provider           TEXT NOT NULL,
  model              TEXT NOT NULL,
  purpose            TEXT NOT NULL CHECK (purpose IN ('answer', 'summary')),
  conversation_id    TEXT,
  turn_id            TEXT,
  input_tokens       INTEGER NOT NULL CHECK (input_tokens >= 0),
  output_tokens      INTEGER NOT NULL CHECK (output_tokens >= 0),
  cache_read_tokens  INTEGER NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
  cache_write_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0)
) STRICT;
CREATE INDEX model_usage_by_day ON model_usage (day, provider, model);

CREATE TABLE conversation_summaries (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  covered         INTEGER NOT NULL CHECK (covered > 0),
  summary         TEXT NOT NULL,
  model           TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
`;

/** Fourth schema step. */
export const usage: Migration = {
  version: 4,
  name: 'usage',
  up(db) {
    db.exec(SQL);
  },
};
