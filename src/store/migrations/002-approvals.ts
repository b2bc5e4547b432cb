import type { Migration } from '../migrate.js';

/**
 * Approvals and saved policy rules.
 * - An approval is bound to `input_hash` (sha256 of tool + canonical input): only that exact call
 *   may run, once (`consumed_at`).
 * - A pending approval has no decision columns; every other status has `decided_at` and `decided_via`.
 * - `policy_rules` holds rules people saved from the panel ("Always allow"); option rules live in
 *   options.json and are not copied here.
 */
const SQL = `
CREATE TABLE approvals (
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
  decided_via     TEXT CHECK (decided_via IN ('panel', 'phone', 'api', 'system')),
  decision_note   TEXT,
  consumed_at     TEXT,
  CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;
CREATE INDEX approvals_by_status ON approvals (status, created_at DESC);
CREATE INDEX approvals_by_requester ON approvals (requester_id, created_at DESC);

CREATE TABLE policy_rules (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  effect      TEXT NOT NULL CHECK (effect IN ('allow', 'ask', 'deny')),
  tool        TEXT NOT NULL,
  match       TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  note        TEXT
) STRICT;
`;

/** Second schema step. */
export const approvals: Migration = {
  version: 2,
  name: 'approvals',
  up(db) {
    db.exec(SQL);
  },
};
