/**
 * Standalone mode: Majordome served directly (no ingress, no trusted proxies) next to "HA" (the
 * simulator). The only way in is HA's own login: the panel is sent through HA's authorize page,
 * comes back with a code, trades it for tokens and sends them as a bearer token.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, openWatchedPage } from './support/browser.js';
import { deepText, sendFromComposer } from './support/page-helpers.js';
import { ensurePanelBuilt, panelUnavailable } from './support/panel-build.js';
import { startStandaloneStack, type StandaloneStack } from './support/standalone-stack.js';

const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };
const TOKENS_KEY = 'majordome.hassTokens';

interface Tokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

/** What the panel does in the browser, done by hand: authorize, follow the redirect, trade the code. */
async function signInOverHttp(stack: StandaloneStack): Promise<{ tokens: Tokens; corsOrigin: string | null }> {
  const origin = new URL(stack.url).origin;
  const authorize = new URL('/auth/authorize', stack.sim.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: `${origin}/`,
    redirect_uri: `${stack.url}?auth_callback=1`,
    state: 'opaque-state',
  }).toString();
  const redirect = await fetch(authorize, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const back = new URL(redirect.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(stack.url);
  expect(back.searchParams.get('state')).toBe('opaque-state');

  const form = new FormData();
  form.append('client_id', `${origin}/`);
  form.append('grant_type', 'authorization_code');
  form.append('code', back.searchParams.get('code') ?? '');
  const res = await fetch(new URL('/auth/token', stack.sim.url), { method: 'POST', body: form, headers: { origin } });
  expect(res.status).toBe(200);
  return { tokens: (await res.json()) as Tokens, corsOrigin: res.headers.get('access-control-allow-origin') };
}

function get(stack: StandaloneStack, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(`api/${path}`, stack.url), { headers });
}

describe('standalone sign-in at the HTTP level', () => {
  let stack: StandaloneStack;
  beforeAll(async () => {
    stack = await startStandaloneStack();
  });
  afterAll(async () => stack?.stop());

  it("tells the panel to sign in at HA's address, without any identity", async () => {
    const res = await get(stack, 'panel-config');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'standalone', ha_url: stack.sim.url });
  });

  it("accepts HA's tokens as the HA user, and refuses a bad token or identity headers from an untrusted peer", async () => {
    const { tokens, corsOrigin } = await signInOverHttp(stack);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 1800, refresh_token: expect.any(String) });
    expect(corsOrigin).toBe(new URL(stack.url).origin);

    const status = await get(stack, 'status', { authorization: `Bearer ${tokens.access_token}` });
    expect(status.status).toBe(200);
    expect(((await status.json()) as { user: unknown }).user).toMatchObject({ id: 'user-admin', display_name: 'Alice', is_admin: true });

    const bad = await get(stack, 'status', { authorization: 'Bearer sim.not-a-token.at-all' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'unauthorized' });
    // Trusted proxies are empty: a header naming a user is just a header.
    expect((await get(stack, 'status', { 'x-remote-user-id': 'user-admin' })).status).toBe(401);
    expect((await get(stack, 'conversations')).status).toBe(401);
  });

  it('refreshes with the refresh token, and a code works once, for its own client only', async () => {
    const { tokens } = await signInOverHttp(stack);
    const form = new FormData();
    form.append('client_id', `${new URL(stack.url).origin}/`);
    form.append('grant_type', 'refresh_token');
    form.append('refresh_token', tokens.refresh_token ?? '');
    const refreshed = (await (await fetch(new URL('/auth/token', stack.sim.url), { method: 'POST', body: form })).json()) as Tokens;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
    expect((await get(stack, 'conversations', { authorization: `Bearer ${refreshed.access_token}` })).status).toBe(200);

    // A redirect_uri on another host than the client id is refused, as HA's IndieAuth rules say.
    const foreign = new URL('/auth/authorize', stack.sim.url);
    foreign.search = new URLSearchParams({ response_type: 'code', client_id: stack.url, redirect_uri: 'http://evil.example/cb' }).toString();
    expect((await fetch(foreign, { redirect: 'manual' })).status).toBe(400);
  });
});

const skipBrowser = chromiumMissing ?? panelUnavailable();

describe.skipIf(skipBrowser)('standalone sign-in in chromium', () => {
  let stack: StandaloneStack;
  let browser: Browser;
  beforeAll(async () => {
    ensurePanelBuilt();
    stack = await startStandaloneStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("goes through HA's login, comes back to the same page, chats as the HA user over a bearer token", async () => {
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(new URL('#/status', stack.url).href);
    await page.getByTestId('status-page').filter({ hasText: 'Alice' }).waitFor();
    expect(stack.sim.authorizeRequests).toEqual([
      { clientId: new URL(stack.url).origin + '/', redirectUri: `${stack.url}?auth_callback=1`, state: expect.any(String) },
    ]);
    // The code is gone from the address bar and the route is back.
    expect(page.url()).toBe(new URL('#/status', stack.url).href);

    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: LAMP_ON }] },
      { content: [{ type: 'text', text: 'The bedroom lamp is on.' }] },
    );
    await page.goto(stack.url);
    await sendFromComposer(page, 'Turn on the bedroom lamp');
    await page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp is on' }).waitFor();
    expect(await deepText(page.getByTestId('tool-card'))).toContain('ha_call_service');
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');

    // The server saw the HA user behind the browser's token: the conversation is theirs.
    const stored = await page.evaluate((key) => localStorage.getItem(key), TOKENS_KEY);
    const token = (JSON.parse(stored ?? '{}') as { access_token?: string }).access_token ?? '';
    const mine = (await (await get(stack, 'conversations', { authorization: `Bearer ${token}` })).json()) as { conversations: unknown[] };
    expect(mine.conversations).toHaveLength(1);

    // A reload reuses the stored tokens: no second trip through HA's login.
    await page.reload();
    await page.getByTestId('conversation-item').first().waitFor();
    expect(stack.sim.authorizeRequests).toHaveLength(1);
    await watched.close();
    expect(watched.errors).toEqual([]);
  });

  it('renews a refused access token with the refresh token and carries on', async () => {
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(stack.url);
    await page.getByTestId('composer-input').waitFor();
    // The access token stops working (HA restarted, token revoked): the next calls get a 401.
    await page.evaluate((key) => {
      const data = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      localStorage.setItem(key, JSON.stringify({ ...data, access_token: 'sim.revoked.token' }));
    }, TOKENS_KEY);
    await page.reload();
    await page.getByTestId('conversation-item').first().waitFor();
    await page.getByTestId('composer-send').waitFor();
    const renewed = await page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { access_token?: string }).access_token, TOKENS_KEY);
    expect(renewed).not.toBe('sim.revoked.token');
    await watched.close();
    // Only the refused calls themselves may show up, as the browser logs every 401.
    expect(watched.errors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('says Home Assistant is unreachable while it is down, then carries on without a new sign-in', async () => {
    // Fresh tokens Majordome has never checked: while HA is down it cannot tell whether they are good.
    const { tokens } = await signInOverHttp(stack);
    const origin = new URL(stack.url).origin;
    const stored = JSON.stringify({ ...tokens, hassUrl: stack.sim.url, clientId: `${origin}/`, expires: Date.now() + tokens.expires_in * 1000 });
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(new URL('api/health', stack.url).href);
    await page.evaluate(([key, data]) => localStorage.setItem(key, data), [TOKENS_KEY, stored] as const);
    const signIns = stack.sim.authorizeRequests.length;

    await stack.sim.pause();
    try {
      await page.goto(stack.url);
      await page.getByTestId('connection-ha-unavailable').filter({ hasText: 'Home Assistant is unreachable' }).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('sign-in-failed').count()).toBe(0);
    } finally {
      await stack.sim.resume();
    }

    // The panel tries again by itself; no trip through HA's login page.
    await page.getByTestId('connection-ha-unavailable').waitFor({ state: 'detached', timeout: 20_000 });
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Still here.' }] });
    await sendFromComposer(page, 'Are you there?');
    await page.getByTestId('message-assistant').filter({ hasText: 'Still here' }).waitFor();
    expect(stack.sim.authorizeRequests).toHaveLength(signIns);
    expect(new URL(page.url()).origin).toBe(origin);
    await watched.close();
    // Only the calls answered 503 during the outage may show up, as the browser logs them (and the
    // favicon the JSON page used to store the tokens asked for).
    expect(watched.errors.filter((e) => !/503|favicon/.test(e))).toEqual([]);
  });
});

if (skipBrowser) console.warn(`standalone browser test skipped: ${skipBrowser}`);
