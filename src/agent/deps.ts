import type { ChatMessage } from '../contracts/messages.js';

/** What the agent needs from the conversation store. */
export interface ConversationRepository {
  /** `channel`: where the conversation started (`http`, `task`, …). */
  get(id: string): { id: string; userId: string; channel: string } | undefined;
  create(input: { id?: string; userId: string; channel: string; title?: string }): { id: string };
  messages(conversationId: string): ChatMessage[];
  appendMessages(conversationId: string, messages: ChatMessage[]): void;
}

/** Facts about the home for the per-turn prompt, read live from HA. */
export interface HomeContext {
  timeZone?: string;
  locationName?: string;
}
