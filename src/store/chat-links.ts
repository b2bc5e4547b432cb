import type { Database } from './database.js';

/** A chat that asked to talk to Majordome; `confirmedAt` once an admin let it in. */
export interface ChatPairing {
  channel: string;
  chatId: string;
  code: string;
  /** Who asked, as the messenger names them (shown to the admin). */
  label: string;
  createdAt: string;
  confirmedAt?: string;
  confirmedBy?: string;
}

interface PairingRow {
  channel: string;
  chat_id: string;
  code: string;
  label: string;
  created_at: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

function toPairing(row: PairingRow): ChatPairing {
  return {
    channel: row.channel,
    chatId: row.chat_id,
    code: row.code,
    label: row.label,
    createdAt: row.created_at,
    ...(row.confirmed_at !== null && { confirmedAt: row.confirmed_at }),
    ...(row.confirmed_by !== null && { confirmedBy: row.confirmed_by }),
  };
}

/** Pairings of messenger chats and the chat ↔ conversation map. */
export class ChatLinkStore {
  readonly #db: Database;
  readonly #now: () => Date;

  constructor(db: Database, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  /** The pairing of a chat, confirmed or not. */
  pairing(channel: string, chatId: string): ChatPairing | undefined {
    const row = this.#db.prepare('SELECT * FROM chat_pairings WHERE channel = ? AND chat_id = ?').get(channel, chatId) as PairingRow | undefined;
    return row && toPairing(row);
  }

  /** Whether an admin confirmed this chat. */
  isPaired(channel: string, chatId: string): boolean {
    return this.pairing(channel, chatId)?.confirmedAt !== undefined;
  }

  /** Records a pending pairing; undefined when the chat already has one (the code is sent once). */
  request(channel: string, chatId: string, label: string, code: string): ChatPairing | undefined {
    const info = this.#db
      .prepare('INSERT OR IGNORE INTO chat_pairings (channel, chat_id, code, label, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(channel, chatId, code, label, this.#now().toISOString());
    return info.changes === 1 ? this.pairing(channel, chatId) : undefined;
  }

  /** Confirms a pending code; undefined when no pending pairing has it. */
  confirm(code: string, by: string): ChatPairing | undefined {
    const row = this.#db
      .prepare('UPDATE chat_pairings SET confirmed_at = ?, confirmed_by = ? WHERE code = ? AND confirmed_at IS NULL RETURNING *')
      .get(this.#now().toISOString(), by, code) as PairingRow | undefined;
    return row && toPairing(row);
  }

  /** Every pairing, newest first. */
  list(): ChatPairing[] {
    return (this.#db.prepare('SELECT * FROM chat_pairings ORDER BY created_at DESC, rowid DESC').all() as PairingRow[]).map(toPairing);
  }

  /** The conversation a chat (or thread) continues. */
  conversationOf(channel: string, chatKey: string): string | undefined {
    const row = this.#db.prepare('SELECT conversation_id FROM chat_conversations WHERE channel = ? AND chat_key = ?').get(channel, chatKey) as
      | { conversation_id: string }
      | undefined;
    return row?.conversation_id;
  }

  /** Remembers which conversation a chat (or thread) continues. */
  link(channel: string, chatKey: string, conversationId: string): void {
    this.#db
      .prepare(
        `INSERT INTO chat_conversations (channel, chat_key, conversation_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, chat_key) DO UPDATE SET conversation_id = excluded.conversation_id, updated_at = excluded.updated_at`,
      )
      .run(channel, chatKey, conversationId, this.#now().toISOString());
  }
}
