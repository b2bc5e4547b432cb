import type { Migration } from '../migrate.js';

/**
 * Approvals decided from Telegram and Slack say so: `decided_via` also takes 'telegram' and
 * 'slack' (they were recorded as 'api' before; those rows stay as they are, nothing tells them
 * apart). SQLite cannot change a CHECK in place, so the table is rebuilt the way its documentation
 * describes (create the new table, copy, drop, rename, recreate the indexes). The rowids are
 * copied too: the approvals list orders ties by rowid. No other table refers to approvals, so the
 * foreign keys need no pause.
 */
const SQL = `
CREATE TABLE approvals_next (
  id              TEXT PRIMARY KEY,
  tool            TEXT NOT NULL,
  input           TEXT NOT NULL,
  input_hash      TEXT NOT NULL,
  summary         TEXT NOT NULL,
  reason          TEXT NOT NULL,
  requester_id    TEXT NOT NULL,
  requester_name  TEXT,
  conversation_id TEXT,
  channel         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  decided_at      TEXT,
  decided_by      TEXT,
  decided_by_name TEXT,
  decided_via     TEXT CHECK (decided_via IN ('panel', 'phone', 'api', 'system', 'telegram', 'slack')),
  decision_note   TEXT,
  consumed_at     TEXT,
  CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;

INSERT INTO approvals_next (rowid, id, tool, input, input_hash, summary, reason, requester_id, requester_name,
  conversation_id, channel, status, created_at, expires_at, decided_at, decided_by, decided_by_name, decided_via,
  decision_note, consumed_at)
SELECT rowid, id, tool, input, input_hash, summary, reason, requester_id, requester_name,
  conversation_id, channel, status, created_at, expires_at, decided_at, decided_by, decided_by_name, decided_via,
  decision_note, consumed_at
FROM approvals;

DROP TABLE approvals;
ALTER TABLE approvals_next RENAME TO approvals;
CREATE INDEX approvals_by_status ON approvals (status, created_at DESC);
CREATE INDEX approvals_by_requester ON approvals (requester_id, created_at DESC);
`;

/** Tenth schema step. */
export const approvalChannels: Migration = {
  version: 10,
  name: 'approval-channels',
  up(db) {
    db.exec(SQL);
  },
};
