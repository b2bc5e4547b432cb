import type { ConversationView as Conversation, MessageView as StoredMessage } from '../../../src/channels/http/wire.js';
import type { PanelApi } from './api.js';

export type { Conversation, StoredMessage };

/** The caller's conversations, newest first, optionally filtered by a search string. */
export async function listConversations(api: PanelApi, search?: string, signal?: AbortSignal): Promise<Conversation[]> {
  const query = new URLSearchParams({ limit: '100' });
  const trimmed = search?.trim();
  if (trimmed) query.set('search', trimmed);
  const body = await api.fetchJson<{ conversations: Conversation[] }>(`conversations?${query}`, signal ? { signal } : {});
  return body.conversations;
}

/** One conversation with its messages. */
export function fetchConversation(api: PanelApi, id: string): Promise<{ conversation: Conversation; messages: StoredMessage[] }> {
  return api.fetchJson(`conversations/${encodeURIComponent(id)}`);
}

/** Renames a conversation; returns the updated header. */
export async function renameConversation(api: PanelApi, id: string, title: string): Promise<Conversation> {
  const body = await api.fetchJson<{ conversation: Conversation }>(`conversations/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { title },
  });
  return body.conversation;
}

/** Deletes a conversation and its messages. */
export async function deleteConversation(api: PanelApi, id: string): Promise<void> {
  await api.fetchJson(`conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
