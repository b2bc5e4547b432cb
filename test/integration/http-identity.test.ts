import { afterEach, describe, expect, it } from 'vitest';
import type { HttpDeps } from '../../src/channels/http/deps.js';
import { makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.server.stop();
  running = undefined;
});

async function serve(overrides: Partial<HttpDeps>, host?: string): Promise<string> {
  running = await startServer(makeDeps(overrides), host);
  return running.url;
}

describe('HTTP identity', () => {
  it('answers 401 JSON to a request with no identity', async () => {
    const url = await serve({ trustedProxies: ['127.0.0.1'] });
    const res = await fetch(`${url}/api/conversations`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ code: 'unauthorized', error: expect.any(String) });
  });

  it('ignores X-Remote-User-Id from a peer that is not a trusted proxy, loopback included', async () => {
    const url = await serve({ trustedProxies: ['172.30.32.2'] });
    const res = await fetch(`${url}/api/conversations`, { headers: { 'X-Remote-User-Id': 'u1' } });
    expect(res.status).toBe(401);
  });

  it('accepts X-Remote-User-Id once the peer is listed as a trusted proxy', async () => {
    const deps = makeDeps({ trustedProxies: ['127.0.0.1'] });
    deps.conversations.add('c1', 'u1', 'Mine');
    deps.conversations.add('c2', 'u2', 'Theirs');
    running = await startServer(deps);
    const res = await fetch(`${running.url}/api/conversations`, { headers: { 'X-Remote-User-Id': 'u1' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversations: Array<{ id: string }> };
    expect(body.conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('matches a peer seen as ::ffff:127.0.0.1 against 127.0.0.1 in the trusted list', async (ctx) => {
    try {
      await serve({ trustedProxies: ['127.0.0.1'] }, '::ffff:127.0.0.1');
    } catch {
      ctx.skip(); // no IPv6 socket support in this sandbox
    }
    const res = await fetch(`${running!.url}/api/conversations`, { headers: { 'X-Remote-User-Id': 'u1' } });
    expect(res.status).toBe(200);
  });

  it('never lets X-Forwarded-For make an untrusted peer look like the proxy', async () => {
    const url = await serve({ trustedProxies: ['172.30.32.2'] });
    const res = await fetch(`${url}/api/conversations`, {
      headers: { 'X-Remote-User-Id': 'u1', 'X-Forwarded-For': '172.30.32.2', Forwarded: 'for=172.30.32.2' },
    });
    expect(res.status).toBe(401);
  });

  it('passes the Supervisor user name and display name on to the agent, UTF-8 intact', async () => {
    const deps = makeDeps({ trustedProxies: ['127.0.0.1'] });
    running = await startServer(deps);
    const displayName = Buffer.from('Zoé', 'utf8').toString('latin1');
    const res = await fetch(`${running.url}/api/chat`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Remote-User-Id': 'u1',
        'X-Remote-User-Name': 'zoe',
        // the UTF-8 bytes aiohttp would write, spelled as latin1 so fetch sends them unchanged
        'X-Remote-User-Display-Name': displayName,
      },
      body: JSON.stringify({ message: 'hi' }),
    });
    await res.text();
    expect(deps.agent.requests[0]?.user).toEqual({ id: 'u1', name: 'zoe', displayName: 'Zoé', via: 'ingress' });
  });

  it('does not require identity for the panel unless asked to', async () => {
    const open = await serve({ trustedProxies: [] });
    expect((await fetch(`${open}/`)).status).toBe(200);
    await running?.server.stop();
    const guarded = await serve({ trustedProxies: [], requireIdentityForPanel: true });
    expect((await fetch(`${guarded}/`)).status).toBe(401);
    expect((await fetch(`${guarded}/some/panel/route`)).status).toBe(401);
  });
});
