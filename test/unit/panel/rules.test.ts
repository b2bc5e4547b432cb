/** The panel asks for "Always allow" and rule deletions in its language, so a refusal (a lock…) reads in it. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, PanelApi } from '../../../panel/src/data/api.js';
import { alwaysAllow, deleteRule } from '../../../panel/src/data/rules.js';

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

describe('saved rules from the panel', () => {
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
});
