import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';
import type { Logger } from '../logger.js';
import { decodeContent, encodeContent } from './content-codec.js';
import {
  listQuery,
  prepareConversationStatements,
  type ConversationRow,
  type ConversationStatements,
  type MessageRow,
} from './conversation-sql.js';
import { pairToolBlocks } from './repair-messages.js';
import { clampLimit, type StoreOptions } from './store-options.js';
import { firstText, foldForSearch, searchTextOf, titleFromText } from './text.js';

/** A conversation's header. */
export interface ConversationSummary {
  id: string;
  userId: string;
  title: string;
  channel: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

/** One stored message as the history API shows it. */
export interface HistoryEntry {
  seq: number;
  role: 'user' | 'assistant';
  content: ContentBlock[];
  createdAt: string;
}

/** Filters for `ConversationStore.list`. */
export interface ConversationListOptions {
  userId?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
  /** Matched in titles and message text, ignoring case and accents. */
  search?: string;
}

function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    channel: row.channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
  };
}

/** Conversations and their messages; content blocks are kept as JSON in per-conversation order. */
export class ConversationStore {
  private readonly now: () => Date;
  private readonly logger: Logger | undefined;
  private readonly sql: ConversationStatements;
  private readonly appendTx: (conversationId: string, messages: ChatMessage[]) => void;

  constructor(db: BetterSqlite3.Database, options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.sql = prepareConversationStatements(db);
    this.appendTx = db.transaction((conversationId: string, messages: ChatMessage[]) => this.writeMessages(conversationId, messages));
  }

  create(input: { id?: string; userId: string; channel: string; title?: string }): ConversationSummary {
    const id = input.id ?? randomUUID();
    const title = input.title === undefined ? '' : titleFromText(input.title, Number.MAX_SAFE_INTEGER);
    const at = this.now().toISOString();
    try {
      this.sql.insert.run(id, input.userId, input.channel, title, foldForSearch(title), at, at);
    } catch (err) {
      if (this.sql.get.get(id)) throw new MajordomeError('internal', `conversation ${id} already exists`, { cause: err });
      throw err;
    }
    return { id, userId: input.userId, title, channel: input.channel, createdAt: at, updatedAt: at, messageCount: 0 };
  }

  get(id: string): ConversationSummary | undefined {
    const row = this.sql.get.get(id);
    return row && toSummary(row);
  }

  /** Newest activity first. */
  list(opts: ConversationListOptions = {}): ConversationSummary[] {
    const search = opts.search === undefined ? '' : foldForSearch(opts.search.trim());
    const query = listQuery(this.sql, { userId: opts.userId, search });
    const page = { limit: clampLimit(opts.limit), offset: Math.max(0, Math.floor(opts.offset ?? 0)) };
    return query(page).map(toSummary);
  }

  /** Throws MajordomeError `not_found` when there is no such conversation. */
  rename(id: string, title: string): void {
    const clean = titleFromText(title, Number.MAX_SAFE_INTEGER);
    if (this.sql.rename.run(clean, foldForSearch(clean), id).changes === 0) throw notFound(id);
  }

  /** Removes the conversation and its messages; a missing id is not an error. */
  delete(id: string): void {
    this.sql.delete.run(id);
  }

  /**
   * Appends in one transaction (all or nothing), bumps updatedAt, and titles an untitled
   * conversation from the first user text. Throws `not_found` for an unknown conversation.
   */
  appendMessages(conversationId: string, messages: ChatMessage[]): void {
    if (messages.length === 0) return;
    this.appendTx(conversationId, messages);
  }

  private writeMessages(conversationId: string, messages: ChatMessage[]): void {
    const row = this.sql.get.get(conversationId);
    if (!row) throw notFound(conversationId);
    const at = this.now().toISOString();
    let seq = this.sql.maxSeq.get(conversationId) ?? 0;
    let title = row.title;
    for (const message of messages) {
      seq += 1;
      this.sql.insertMessage.run(conversationId, seq, message.role, encodeContent(message.content), searchTextOf(message.content), at);
      const text = message.role === 'user' && title === '' ? firstText(message.content) : undefined;
      if (text !== undefined) title = titleFromText(text);
    }
    this.sql.touch.run(at, messages.length, title, foldForSearch(title), conversationId);
  }

  /** The conversation for the model, in order; unreadable parts are replaced, never fatal. */
  messages(conversationId: string): ChatMessage[] {
    return pairToolBlocks(this.history(conversationId).map(({ role, content }) => ({ role, content })));
  }

  /** Stored rows with ids and timestamps, for the history API (GET /api/conversations/:id). */
  history(conversationId: string): HistoryEntry[] {
    return this.sql.messages.all(conversationId).map((row: MessageRow) => {
      const { blocks, damaged } = decodeContent(row.content);
      if (damaged > 0) {
        this.logger?.warn({ conversationId, seq: row.seq, damaged }, 'stored message content unreadable; replaced by a placeholder');
      }
      return { seq: row.seq, role: row.role, content: blocks, createdAt: row.created_at };
    });
  }
}

function notFound(id: string): MajordomeError {
  return new MajordomeError('not_found', `no conversation ${id}`);
}
