import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adviceFor, isCancellation } from '../../../panel/src/common/error-advice.js';
import { apiUrl, errorFromBody } from '../../../panel/src/data/api.js';
import { socketPath } from '../../../panel/src/data/socket.js';

const INGRESS_BASE = 'https://ha.example/api/hassio_ingress/tok123/';

describe('URLs under the ingress prefix', () => {
  it('puts API calls and the socket under the document base, never at the site root', () => {
    expect(apiUrl('conversations?limit=5', INGRESS_BASE).href).toBe('https://ha.example/api/hassio_ingress/tok123/api/conversations?limit=5');
    expect(apiUrl('/status', INGRESS_BASE).pathname).toBe('/api/hassio_ingress/tok123/api/status');
    expect(socketPath(INGRESS_BASE)).toBe('/api/hassio_ingress/tok123/socket.io');
  });

  it('works at the root too (standalone)', () => {
    expect(apiUrl('status', 'http://localhost:8099/').href).toBe('http://localhost:8099/api/status');
    expect(socketPath('http://localhost:8099/#/chat/x')).toBe('/socket.io');
  });
});

describe('what the panel tells the user when a turn fails', () => {
  it('tells how to set up a model key, without a useless Retry', () => {
    expect(adviceFor('model_not_configured')).toMatchObject({ key: 'error.model_not_configured', retry: false });
  });

  it.each(['model_not_configured', 'model_auth'])(
    '%s: the advice names no provider\'s key itself, and the server\'s message (which names the option of the provider in use) is shown',
    (code) => {
      const advice = adviceFor(code);
      expect(advice.showMessage).toBe(true);
      for (const language of ['en', 'fr']) {
        const table = JSON.parse(readFileSync(new URL(`../../../panel/src/translations/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
        expect(table[advice.key]).not.toMatch(/anthropic_api_key|openai_api_key/);
      }
    },
  );

  it('offers Retry when Home Assistant or the connection comes back by itself', () => {
    expect(adviceFor('ha_unavailable')).toMatchObject({ key: 'error.ha_unavailable', retry: true });
    expect(adviceFor('disconnected')).toMatchObject({ retry: true });
  });

  it('explains the spending cap', () => {
    expect(adviceFor('budget_exceeded').key).toBe('error.budget_reached');
    expect(adviceFor('budget_reached').retry).toBe(false);
    // The server's message says which cap (tokens or dollars) was reached; the advice names neither.
    expect(adviceFor('budget_reached').showMessage).toBe(true);
  });

  it('shows the server message for anything unknown', () => {
    expect(adviceFor('something_new')).toEqual({ key: 'error.unknown', retry: true, showMessage: true });
    expect(adviceFor(undefined).showMessage).toBe(true);
  });

  it('does not report a stopped turn as an error', () => {
    expect(isCancellation('cancelled')).toBe(true);
    expect(isCancellation('internal')).toBe(false);
  });

  it('reads the server error body, or falls back to the status', () => {
    expect(errorFromBody(403, { error: 'Admins only.', code: 'forbidden' })).toMatchObject({ status: 403, code: 'forbidden', message: 'Admins only.' });
    expect(errorFromBody(502, undefined)).toMatchObject({ code: 'http_502', message: 'HTTP 502' });
  });
});
