import type { TaskView as Task } from '../../../src/channels/http/wire.js';
import { ApiError, languageQuery, type PanelApi } from './api.js';

export type { Task };

async function listOrNone<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** The user's tasks, their triggers' states in HA's words in `language`; undefined when the server has no scheduler. */
export function listTasks(api: PanelApi, language?: string): Promise<Task[] | undefined> {
  return listOrNone(async () => (await api.fetchJson<{ tasks?: Task[] }>(`tasks${languageQuery(language)}`)).tasks ?? []);
}

/** Pauses or resumes a task; a refusal comes worded in `language`. */
export async function setTaskPaused(api: PanelApi, id: string, paused: boolean, language?: string): Promise<void> {
  await api.fetchJson(`tasks/${encodeURIComponent(id)}${languageQuery(language)}`, { method: 'POST', body: { paused } });
}

/** Deletes a task; a refusal comes worded in `language`. */
export async function deleteTask(api: PanelApi, id: string, language?: string): Promise<void> {
  await api.fetchJson(`tasks/${encodeURIComponent(id)}${languageQuery(language)}`, { method: 'DELETE' });
}
