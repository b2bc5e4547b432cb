import type { MemoryView as Memory } from '../../../src/channels/http/wire.js';
import { ApiError, languageQuery, type PanelApi } from './api.js';

export type { Memory };

/** A list of memories, and whether this user may list everyone's (administrators). */
export interface MemoryList {
  memories: Memory[];
  canListEveryone: boolean;
}

/** The user's memories (or everyone's, for an administrator), newest first; undefined when the server keeps none. */
export async function listMemories(api: PanelApi, everyone = false): Promise<MemoryList | undefined> {
  try {
    const body = await api.fetchJson<{ memories?: Memory[]; can_list_everyone?: boolean }>(everyone ? 'memories?all=true' : 'memories');
    return { memories: body.memories ?? [], canListEveryone: body.can_list_everyone === true };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** Corrects a memory; the server refuses secrets (422) as the model's memory_save does, worded in `language`. */
export function updateMemory(api: PanelApi, id: number, fact: string, language?: string): Promise<Memory> {
  return api.fetchJson<Memory>(`memories/${id}${languageQuery(language)}`, { method: 'PATCH', body: { fact } });
}

/** Forgets one memory; a refusal comes worded in `language`. */
export async function deleteMemory(api: PanelApi, id: number, language?: string): Promise<void> {
  await api.fetchJson(`memories/${id}${languageQuery(language)}`, { method: 'DELETE' });
}
