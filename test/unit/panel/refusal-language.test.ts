/** The panel asks in its language where the server may refuse ("Always allow" on a lock, a secret in a memory…), so the refusal reads in it. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, PanelApi } from '../../../panel/src/data/api.js';
import { deleteMemory, updateMemory } from '../../../panel/src/data/memories.js';
import { confirmPairing } from '../../../panel/src/data/pairings.js';
import { alwaysAllow, deleteRule } from '../../../panel/src/data/rules.js';
import { deleteTask, setTaskPaused } from '../../../panel/src/data/tasks.js';

function recordingApi(): PanelApi & { calls: Array<[string, ApiRequest | undefined]> } {
  const calls: Array<[string, ApiRequest | undefined]> = [];
  return {
    calls,
    fetchJson: <T>(path: string, request?: ApiRequest) => {
      calls.push([path, request]);
      return Promise.resolve({} as T);
    },
    fetchBlob: () => Promise.reject(new Error('rules fetch no files')),
  };
}

describe('the panel’s changes carry its language', () => {
  it('sends the panel’s language with "Always allow" and a deletion', async () => {
    const api = recordingApi();
    await alwaysAllow(api, 'a1', 'fr');
    await deleteRule(api, 7, 'fr-CA');
    await alwaysAllow(api, 'a2');
    expect(api.calls).toEqual([
      ['rules?language=fr', { method: 'POST', body: { approval_id: 'a1' } }],
      ['rules/7?language=fr-CA', { method: 'DELETE' }],
      ['rules', { method: 'POST', body: { approval_id: 'a2' } }],
    ]);
  });

  it('sends it with a memory corrected or forgotten, a task paused or deleted, a chat paired', async () => {
    const api = recordingApi();
    await updateMemory(api, 3, 'Léa likes tea', 'fr');
    await deleteMemory(api, 3, 'fr');
    await setTaskPaused(api, 't 1', true, 'fr');
    await deleteTask(api, 't 1', 'fr');
    await confirmPairing(api, 'K7MP-Q2XA', 'fr');
    expect(api.calls.map(([path]) => path)).toEqual(['memories/3?language=fr', 'memories/3?language=fr', 'tasks/t%201?language=fr', 'tasks/t%201?language=fr', 'pairings/K7MP-Q2XA?language=fr']);
  });
});
