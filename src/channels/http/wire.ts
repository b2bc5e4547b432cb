import type { AuditRecord, ConversationRecord, HistoryRecord } from './deps.js';

/** A conversation as the HTTP API shows it (snake_case, like the chat events). */
export interface ConversationView {
  id: string;
  title: string;
  channel: string;
  created_at: string;
  updated_at: string;
  message_count: number;
}

/** Serialises a conversation header; the owner id is implied by who asks. */
export function toConversationView(c: ConversationRecord): ConversationView {
  return {
    id: c.id,
    title: c.title,
    channel: c.channel,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    message_count: c.messageCount,
  };
}

/** Serialises one stored message; content blocks are passed as stored. */
export function toMessageView(m: HistoryRecord): { seq: number; role: string; content: unknown; created_at: string } {
  return { seq: m.seq, role: m.role, content: m.content, created_at: m.createdAt };
}

/** Serialises one audit row. */
export function toAuditView(e: AuditRecord): Record<string, unknown> {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    kind: e.kind,
    tool: e.tool,
    input: e.input,
    decision: e.decision,
    outcome: e.outcome,
    conversation_id: e.conversationId,
    detail: e.detail,
  };
}
