import type { Migration } from '../migrate.js';

/**
 * Conversation taint: a conversation that has read untrusted text (a mail, a web page, shell
 * output) stays tainted until it is deleted; the user starts a new conversation to get rid of it.
 * One row per tainted conversation, keeping what was read first (the approval's reason names it).
 */
const SQL = `
CREATE TABLE conversation_taint (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  source          TEXT NOT NULL,
  tool            TEXT NOT NULL,
  tainted_at      TEXT NOT NULL
) STRICT;
`;

/** Third schema step. */
export const taint: Migration = {
  version: 3,
  name: 'taint',
  up(db) {
    db.exec(SQL);
  },
};
