import type { Migration } from '../migrate.js';

/**
 * Egress (policy/taint/egress.ts): what a conversation has read of the home, and the web hosts it has
 * seen. Kept with the conversation because its history keeps the home's data: after a restart the
 * model still reads it, so forgetting would let the conversation send it to any address.
 * - `conversation_home_reads`: one row per conversation that read the home, with the first tool.
 * - `conversation_hosts`: each host the user named (`user`) or the conversation opened (`opened`).
 */
const SQL = `
CREATE TABLE conversation_home_reads (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  tool            TEXT NOT NULL,
  read_at         TEXT NOT NULL
) STRICT;

CREATE TABLE conversation_hosts (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  host            TEXT NOT NULL,
  seen_as         TEXT NOT NULL,
  seen_at         TEXT NOT NULL,
  PRIMARY KEY (conversation_id, host)
) STRICT;
`;

/** Seventh schema step. */
export const egress: Migration = {
  version: 8,
  name: 'egress',
  up(db) {
    db.exec(SQL);
  },
};
