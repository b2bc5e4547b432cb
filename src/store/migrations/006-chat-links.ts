import type { Migration } from '../migrate.js';

/**
 * Messenger channels (Telegram, Slack).
 * - `chat_pairings`: a chat that wrote to the bot without being allowed gets one code; an admin
 *   confirms it in the panel and the chat is allowed from then on. One row per chat, so the code
 *   is sent once however often the stranger writes.
 * - `chat_conversations`: which Majordome conversation a chat (or a Slack thread) continues.
 */
const SQL = `
CREATE TABLE chat_pairings (
  channel      TEXT NOT NULL,
  chat_id      TEXT NOT NULL,
  code         TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  confirmed_at TEXT,
  confirmed_by TEXT,
  PRIMARY KEY (channel, chat_id)
) STRICT;

CREATE TABLE chat_conversations (
  channel         TEXT NOT NULL,
  chat_key        TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (channel, chat_key)
) STRICT;
`;

/** Sixth schema step. */
export const chatLinks: Migration = {
  version: 6,
  name: 'chat-links',
  up(db) {
    db.exec(SQL);
  },
};
