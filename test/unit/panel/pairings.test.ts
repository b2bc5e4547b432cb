import { describe, expect, it } from 'vitest';
import { ApiError, type ApiRequest, type PanelApi } from '../../../panel/src/data/api.js';
import { confirmPairing, listPairings, type Pairing } from '../../../panel/src/data/pairings.js';

const pairing = (code: string, confirmed: boolean): Pairing => ({
  channel: 'telegram',
  chat_id: '42',
  code,
  label: 'Stranger (Telegram 42)',
  created_at: '2026-03-01T12:00:00Z',
  confirmed_at: confirmed ? '2026-03-01T12:05:00Z' : null,
  confirmed_by: confirmed ? 'user-admin' : null,
});

function apiAnswering(answer: (path: string, request?: ApiRequest) => unknown): PanelApi & { calls: Array<[string, ApiRequest | undefined]> } {
  const calls: Array<[string, ApiRequest | undefined]> = [];
  return {
    calls,
    fetchJson: <T>(path: string, request?: ApiRequest) => {
      calls.push([path, request]);
      try {
        return Promise.resolve(answer(path, request) as T);
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
    fetchBlob: () => Promise.reject(new Error('pairings fetch no files')),
  };
}

describe('pairings in the panel', () => {
  it('lists pending pairings before confirmed ones', async () => {
    const api = apiAnswering(() => ({ pairings: [pairing('AAAA-AAAA', true), pairing('BBBB-BBBB', false)] }));
    expect((await listPairings(api))?.map((p) => p.code)).toEqual(['BBBB-BBBB', 'AAAA-AAAA']);
  });

  it('hides the card when no messenger is on or the user is not an admin', async () => {
    for (const status of [404, 403]) {
      expect(await listPairings(apiAnswering(() => { throw new ApiError(status, 'x', 'no'); }))).toBeUndefined();
    }
    await expect(listPairings(apiAnswering(() => { throw new ApiError(500, 'x', 'boom'); }))).rejects.toThrow('boom');
  });

  it('confirms a code with a POST', async () => {
    const api = apiAnswering(() => ({}));
    await confirmPairing(api, 'K7MP-Q2XA');
    expect(api.calls).toEqual([['pairings/K7MP-Q2XA', { method: 'POST', body: {} }]]);
  });
});
