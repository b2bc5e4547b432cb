import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../panel/src/data/api.js';
import { createHaSession, INGRESS_SESSION, type HaAuth, type PanelSession } from '../../../panel/src/data/session.js';
import { isAuthCallback, readStoredTokens, withoutCallbackParams } from '../../../panel/src/data/sign-in.js';

const INVALID_AUTH = 2; // home-assistant-js-websocket's ERR_INVALID_AUTH

/** An Auth like home-assistant-js-websocket's: a token, an expiry, a refresh that HA may refuse. */
function fakeAuth(opts: { expired?: boolean; refuse?: boolean; unreachable?: boolean } = {}) {
  let n = 0;
  const auth = {
    accessToken: 'token-0',
    expired: opts.expired ?? false,
    refreshes: 0,
    async refreshAccessToken() {
      auth.refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (opts.refuse) throw INVALID_AUTH;
      if (opts.unreachable) throw new TypeError('Failed to fetch');
      auth.accessToken = `token-${++n}`;
      auth.expired = false;
    },
  };
  return auth satisfies HaAuth;
}

describe('an HA login session', () => {
  it('refreshes an expired token before handing it out, once for concurrent callers', async () => {
    const auth = fakeAuth({ expired: true });
    const session = createHaSession(auth, INVALID_AUTH, () => undefined);
    expect(await Promise.all([session.accessToken(), session.accessToken()])).toEqual(['token-1', 'token-1']);
    expect(auth.refreshes).toBe(1);
  });

  it('reports the end of the sign-in when HA refuses the refresh token', async () => {
    let signedOut = 0;
    const session = createHaSession(fakeAuth({ refuse: true }), INVALID_AUTH, () => signedOut++);
    expect(await session.renew()).toBe('refused');
    expect(signedOut).toBe(1);
  });

  it('tells an unreachable HA apart from a refusal, and does not end the sign-in for it', async () => {
    let signedOut = 0;
    const session = createHaSession(fakeAuth({ unreachable: true }), INVALID_AUTH, () => signedOut++);
    expect(await session.renew()).toBe('unreachable');
    expect(signedOut).toBe(0);
  });
});

describe('the API client', () => {
  let server: Server;
  let base = '';
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    // Accepts only `token-1`; answers 401 like Majordome for anything else.
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.headers.authorization === 'Bearer token-down') {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Home Assistant is unreachable right now; try again in a moment.', code: 'ha_unavailable' }));
        return;
      }
      const ok = req.headers.authorization === 'Bearer token-1';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { ok: true } : { error: 'Sign in.', code: 'unauthorized' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the HA token, and after a 401 renews it and tries once more', async () => {
    seen.length = 0;
    const api = createApi(createHaSession(fakeAuth(), INVALID_AUTH, () => undefined), () => base);
    expect(await api.fetchJson('status')).toEqual({ ok: true });
    expect(seen).toEqual(['Bearer token-0', 'Bearer token-1']);
  });

  it('sends nothing behind ingress, and a 401 stands', async () => {
    seen.length = 0;
    await expect(createApi(INGRESS_SESSION, () => base).fetchJson('status')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(seen).toEqual([undefined]);
  });

  it('gives up after one renewal', async () => {
    seen.length = 0;
    const stuck: PanelSession = { standalone: true, accessToken: async () => 'token-9', renew: async () => 'renewed' };
    await expect(createApi(stuck, () => base).fetchJson('status')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(2);
  });

  it('reports HA unreachable (503) as it is, without renewing or signing out', async () => {
    seen.length = 0;
    let renewals = 0;
    const session: PanelSession = {
      standalone: true,
      accessToken: async () => 'token-down',
      renew: async () => {
        renewals += 1;
        return 'renewed';
      },
    };
    await expect(createApi(session, () => base).fetchJson('status')).rejects.toMatchObject({ status: 503, code: 'ha_unavailable' });
    expect(renewals).toBe(0);
  });

  it('calls an expired token that HA cannot refresh "HA unreachable", not "signed out"', async () => {
    seen.length = 0;
    const session = createHaSession(fakeAuth({ expired: true, unreachable: true }), INVALID_AUTH, () => undefined);
    await expect(createApi(session, () => base).fetchJson('status')).rejects.toMatchObject({ status: 503, code: 'ha_unavailable' });
    expect(seen).toEqual([]);
  });

  it('after a 401, an HA that cannot be reached to renew is "unreachable", not "signed out"', async () => {
    seen.length = 0;
    const session: PanelSession = { standalone: true, accessToken: async () => 'token-9', renew: async () => 'unreachable' };
    await expect(createApi(session, () => base).fetchJson('status')).rejects.toMatchObject({ status: 503, code: 'ha_unavailable' });
    expect(seen).toHaveLength(1);
  });
});

describe("HA's login callback", () => {
  it('is recognised, and its code leaves the address once used', () => {
    expect(isAuthCallback('?auth_callback=1&code=abc&state=xyz')).toBe(true);
    expect(isAuthCallback('?x=1')).toBe(false);
    expect(withoutCallbackParams('http://majordome:8099/?auth_callback=1&code=abc&state=xyz', '#/status')).toBe('http://majordome:8099/#/status');
  });

  it('reads stored tokens, and treats anything unreadable as none', () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(readStoredTokens(store(JSON.stringify({ access_token: 'a', hassUrl: 'http://ha:8123' })))).toMatchObject({ access_token: 'a' });
    expect(readStoredTokens(store('{not json'))).toBeNull();
    expect(readStoredTokens(store(JSON.stringify({ hassUrl: 'http://ha:8123' })))).toBeNull();
    expect(readStoredTokens(store(null))).toBeNull();
  });
});
