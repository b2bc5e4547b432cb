import type { ChatMessage } from '../llm/provider.js';

/** What the agent needs from the conversation store. */
export interface ConversationRepository {
  get(id: string): { id: string; userId: string } | undefined;
  create(input: { id?: string; userId: string; channel: string; title?: string }): { id: string };
  messages(conversationId: string): ChatMessage[];
  appendMessages(conversationId: string, messages: ChatMessage[]): void;
}

/** What the agent writes to the audit log. */
export interface AuditSink {
  record(entry: {
    actor: string;
    kind: 'tool_call' | 'decision' | 'approval' | 'turn';
    tool?: string;
    input?: unknown;
    decision?: string;
    outcome?: string;
    conversationId?: string;
    detail?: string;
  }): unknown;
}

/** Facts about the home for the per-turn prompt, read live from HA. */
export interface HomeContext {
  timeZone?: string;
  locationName?: string;
}
