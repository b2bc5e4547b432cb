import type { PairingView as Pairing } from '../../../src/channels/http/wire.js';
import { ApiError, languageQuery, type PanelApi } from './api.js';

export type { Pairing };

/** Pairings, pending first; undefined when no messenger is on (404) or the user is not an admin (403). */
export async function listPairings(api: PanelApi): Promise<Pairing[] | undefined> {
  try {
    const pairings = (await api.fetchJson<{ pairings?: Pairing[] }>('pairings')).pairings ?? [];
    return [...pairings].sort((a, b) => Number(a.confirmed_at !== null) - Number(b.confirmed_at !== null));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return undefined;
    throw err;
  }
}

/** Lets the chat with this code talk to Majordome; a refusal comes worded in `language`. */
export async function confirmPairing(api: PanelApi, code: string, language?: string): Promise<void> {
  await api.fetchJson(`pairings/${encodeURIComponent(code)}${languageQuery(language)}`, { method: 'POST', body: {} });
}
