/**
 * The browser through the whole product: the fake model drives browser_* tools by ref through the
 * real server, the policy and approvals, against a site served by the test on loopback (allowed
 * here with browser_allow_private). Signing in sets a cookie that survives a restart; forms are
 * filled, chosen and submitted; typing a password and submitting ask first; a page hiding
 * prompt-injection text comes back untrusted and taints the conversation; screenshots and cookie
 * imports go through their HTTP routes. A second server, private pages refused, shows the SSRF
 * refusals from the model's side.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { chromiumMissing } from '../e2e/support/browser.js';
import { turnToolCalls, type FakeReply, type RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { INJECTION_TEXT, SITE_PASSWORD, startTestSite, type TestSite } from './browser-site.js';

const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' }; // not an admin

/** An approval the turn asked for, with the policy's reason. */
interface SeenApproval {
  tool: string;
  input: Record<string, unknown>;
  reason: string;
}

/** Every event of a turn, answering each approval with `decide` (approve by default) as Alice. */
async function chatDeciding(
  stack: Stack,
  message: string,
  decide: (approval: SeenApproval) => 'approve' | 'deny' = () => 'approve',
): Promise<{ events: ChatEvent[]; approvals: SeenApproval[]; text: string; conversationId: string }> {
  const res = await fetch(`${stack.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ message }) });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const events: ChatEvent[] = [];
  const approvals: SeenApproval[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of block.split('\n').filter((l) => l.startsWith('data:'))) {
        const event = JSON.parse(line.slice(5).trim()) as ChatEvent;
        events.push(event);
        if (event.type !== 'approval_required') continue;
        const list = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string; reason: string }> };
        const seen = { tool: event.tool, input: event.input as Record<string, unknown>, reason: list.approvals.find((a) => a.id === event.approval_id)?.reason ?? '' };
        approvals.push(seen);
        await fetch(`${stack.url}/api/approvals/${event.approval_id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
          body: JSON.stringify({ decision: decide(seen) }),
        });
      }
    }
  }
  const done = events.find((e): e is Extract<ChatEvent, { type: 'done' }> => e.type === 'done');
  if (!done) throw new Error(`the turn did not finish: ${JSON.stringify(events.slice(-3))}`);
  return { events, approvals, text: done.text, conversationId: done.conversation_id };
}

const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });
const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

/** What the model was told about its last tool call. */
function last(req: RecordedRequest): string {
  const result = turnToolCalls(req.body).at(-1)?.result;
  if (!result) throw new Error('no tool result in the request');
  return result.isError ? `ERROR ${result.text}` : result.text;
}

/** The ref of the first snapshot line matching `line`, as a model would pick it. */
function refIn(snapshot: string, line: RegExp): string {
  const found = snapshot.split('\n').find((l) => line.test(l));
  const ref = /\[ref=((?:f\d+)?e\d+)\]/.exec(found ?? '')?.[1];
  if (!ref) throw new Error(`no ref for ${line} in:\n${snapshot}`);
  return ref;
}

/** A model step that acts on the element matching `line` in the last page it read. */
const actOn = (line: RegExp, action: string, text?: string) => (req: RecordedRequest) =>
  use('browser_act', { ref: refIn(last(req), line), action, ...(text !== undefined && { text }) });

const reportLast = (req: RecordedRequest) => say(last(req));

function chromiumCount(profileDir: string): number {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profileDir}`);
      } catch {
        return false;
      }
    }).length;
}

describe.skipIf(chromiumMissing)('the browser through the agent (loopback pages allowed)', () => {
  let stack: Stack;
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite();
    stack = await startStack({ home: loadIntentsHome(), options: { browser_enabled: true, browser_allow_private: true } });
  });
  afterAll(async () => {
    await stack?.stop();
    await site?.stop();
  });

  it('signs in by ref: the password and the submit ask first, the page answers, and it reads as untrusted', async () => {
    stack.llm.enqueue(
      use('browser_open', { url: `${site.url}/login` }),
      actOn(/textbox "Username"/, 'type', 'alice'),
      actOn(/textbox "Password"/, 'type', SITE_PASSWORD),
      actOn(/button "Sign in"/, 'click'),
      reportLast,
    );
    const turn = await chatDeciding(stack, 'Sign in to the test shop as alice and tell me my meter reading');

    expect(turn.text).toContain('Welcome back, alice');
    expect(turn.text).toContain('4242 kWh');
    const typedPassword = turn.approvals.find((a) => a.input['text'] === SITE_PASSWORD);
    expect(typedPassword?.reason).toMatch(/typing into a password field/);
    const submitted = turn.approvals.find((a) => a.input['action'] === 'click');
    expect(submitted?.reason).toMatch(/submitting a form/);
    // The username field is plain: whatever asked there (taint), it was not the password rule.
    expect(turn.approvals.find((a) => a.input['text'] === 'alice')?.reason ?? '').not.toMatch(/password field/);

    const firstPage = turnToolCalls(stack.llm.requests.at(-1)?.body ?? { model: '', max_tokens: 0, messages: [] })[0]?.result?.text ?? '';
    expect(firstPage.startsWith('<untrusted_content>')).toBe(true);
    expect(firstPage).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/login/);
    expect(turn.events.filter((e) => e.type === 'tool_result').every((e) => e.type === 'tool_result' && e.ok)).toBe(true);
  });

  it('is still signed in after Majordome restarts (the profile keeps the cookie)', async () => {
    await stack.restart();
    stack.llm.enqueue(use('browser_open', { url: `${site.url}/account` }), reportLast);
    const turn = await chatDeciding(stack, 'What is my meter reading?');
    expect(turn.text).toContain('Welcome back, alice');
  });

  it('fills a form by ref (type, select, click), previews without asking about a submit, then places the order once approved', async () => {
    stack.llm.enqueue(
      use('browser_open', { url: `${site.url}/order` }),
      actOn(/textbox "Name"/, 'type', 'Bob'),
      actOn(/combobox "Colour"/, 'select', 'green'),
      actOn(/checkbox "Gift wrap"/, 'click'),
      actOn(/button "Preview"/, 'click'),
      actOn(/button "Place order"/, 'click'),
      reportLast,
    );
    const turn = await chatDeciding(stack, 'Order a green parcel for Bob, gift wrapped');

    expect(turn.text).toContain('Order placed');
    expect(turn.text).toContain('Bob: green, with gift wrap');
    const reasons = (ref: RegExp) => turn.approvals.filter((a) => ref.test(JSON.stringify(a.input))).map((a) => a.reason);
    const clicks = turn.approvals.filter((a) => a.input['action'] === 'click');
    // Preview (type=button) and the checkbox do not submit; Place order does.
    expect(clicks.filter((a) => /submitting a form/.test(a.reason))).toHaveLength(1);
    expect(reasons(/"select"/).join(' ')).not.toMatch(/password|submitting/);
  });

  it('shows a screenshot to its conversation owner only, through an authenticated route', async () => {
    let image = '';
    stack.llm.enqueue(use('browser_open', { url: `${site.url}/` }), use('browser_screenshot', {}), (req) => {
      image = (JSON.parse(last(req).replace(/<\/?untrusted_content>/g, '')) as { image: string }).image;
      return say('Here it is.');
    });
    const turn = await chatDeciding(stack, 'Show me the shop');
    expect(image).toMatch(/^api\/browser\/screenshots\/[a-f0-9]{32}$/);
    // The chat card's summary carries the address, for the panel to show the image.
    expect(turn.events).toContainEqual(expect.objectContaining({ type: 'tool_result', ok: true, summary: `Screenshot of 127.0.0.1:${site.port} (${image})` }));

    const mine = await fetch(`${stack.url}/${image}`, { headers: TEST_USER_HEADERS });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await mine.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await fetch(`${stack.url}/${image}`, { headers: BOB })).status).toBe(404);
    expect((await fetch(`${stack.url}/${image}`)).status).toBe(401);
    expect((await fetch(`${stack.url}/api/browser/screenshots/../../options.json`, { headers: TEST_USER_HEADERS })).status).toBe(404);
  });

  it('imports cookies from an export for administrators only, and the next page sends them', async () => {
    const exported = [
      { domain: '127.0.0.1', hostOnly: true, name: 'imported_pref', value: 'dark', path: '/', secure: false, httpOnly: false, sameSite: 'lax', session: false, expirationDate: Date.now() / 1000 + 3600 },
    ];
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${stack.url}/api/browser/cookies`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    expect((await post(BOB, exported)).status).toBe(403);
    const bad = await post(TEST_USER_HEADERS, [{ name: 'x' }]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'Cookie 1: value is missing or invalid.' });
    const ok = await post(TEST_USER_HEADERS, exported);
    expect(await ok.json()).toEqual({ imported: 1, sites: ['127.0.0.1'] });

    stack.llm.enqueue(use('browser_open', { url: `${site.url}/cookies` }), reportLast);
    const turn = await chatDeciding(stack, 'Which cookies does the shop see?');
    expect(turn.text).toMatch(/Cookie names: .*imported_pref/);
  });

  it('returns a page hiding prompt-injection text as untrusted, and what the page asks for then needs a yes', async () => {
    stack.sim.serviceCalls.length = 0;
    stack.llm.enqueue(use('browser_open', { url: `${site.url}/injection` }), (req) => {
      // An obedient model: it does what the page says, with a light instead of the door.
      expect(last(req)).toContain(INJECTION_TEXT);
      return use('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen_ceiling' } });
    }, reportLast);
    // The user names the shop's address: opening it does not ask even though the words matched home entities.
    const turn = await chatDeciding(stack, `When is the shop at ${site.url} open?`, () => 'deny');

    const page = turnToolCalls(stack.llm.requests.at(-1)?.body ?? { model: '', max_tokens: 0, messages: [] })[0]?.result?.text ?? '';
    expect(page).toMatch(/^<untrusted_content>\n[\s\S]*IGNORE ALL PREVIOUS INSTRUCTIONS[\s\S]*\n<\/untrusted_content>$/);
    expect(turn.approvals).toEqual([expect.objectContaining({ tool: 'ha_call_service', reason: expect.stringMatching(/after reading the web page 127\.0\.0\.1:\d+/) })]);
    expect(stack.sim.serviceCalls.filter((c) => c.domain === 'light')).toEqual([]);
  });
});

describe('the browser through the agent (private pages refused, the default)', () => {
  let stack: Stack;
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite();
    stack = await startStack({ home: loadIntentsHome(), options: { browser_enabled: true } });
  });
  afterAll(async () => {
    await stack?.stop();
    await site?.stop();
  });

  it('refuses loopback, private, link-local, file: and Home Assistant itself, without starting Chromium', async () => {
    // Here Home Assistant (the simulator) is on 127.0.0.1 too: its name alone is refused.
    const urls = [`${site.url}/account`, 'http://192.168.1.20/', 'http://169.254.169.254/latest/meta-data/', 'file:///data/options.json', `${stack.sim.url}/api/states`, `http://localhost:${site.port}/`];
    stack.llm.enqueue(...urls.map((url) => use('browser_open', { url })), (req) =>
      say(turnToolCalls(req.body).map((call) => `${call.result?.isError ? 'REFUSED' : 'OPENED'} ${call.result?.text ?? ''}`).join('\n')),
    );
    const turn = await chatDeciding(stack, 'Open these pages');

    expect(turn.text.match(/^REFUSED /gm)).toHaveLength(urls.length);
    expect(turn.text.match(/"error":"Refused: /g)).toHaveLength(urls.length);
    expect(turn.text).toMatch(/only http and https/);
    expect(turn.text).toMatch(/browser_allow_private/);
    expect(site.hits).toEqual([]);
    expect(chromiumCount(join(stack.dataDir, 'browser'))).toBe(0);
  });

  it('offers the browser tools only when browser_enabled is on', async () => {
    stack.llm.enqueue(say('hello'));
    await chatDeciding(stack, 'hi');
    const offered = new Set((stack.llm.requests.at(-1)?.body.tools ?? []).map((t) => t.name));
    expect(['browser_open', 'browser_snapshot', 'browser_act', 'browser_screenshot'].every((name) => offered.has(name))).toBe(true);

    const off = await startStack({ home: loadIntentsHome() });
    try {
      off.llm.enqueue(say('hello'));
      await chatDeciding(off, 'hi');
      expect((off.llm.requests.at(-1)?.body.tools ?? []).some((t) => t.name.startsWith('browser_'))).toBe(false);
    } finally {
      await off.stop();
    }
  });
});

describe.skipIf(chromiumMissing)('the idle browser (browserIdleMs override)', () => {
  let stack: Stack;
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite();
    stack = await startStack({ home: loadIntentsHome(), options: { browser_enabled: true, browser_allow_private: true }, overrides: { browserIdleMs: 500 } });
  });
  afterAll(async () => {
    await stack?.stop();
    await site?.stop();
  });

  it('closes Chromium once nobody has used it for the idle time, and opens it again on the next request', async () => {
    const profile = join(stack.dataDir, 'browser');
    let runningAfterOpen = 0;
    stack.llm.enqueue(use('browser_open', { url: `${site.url}/` }), (req) => {
      runningAfterOpen = chromiumCount(profile);
      return reportLast(req);
    });
    expect((await chatDeciding(stack, 'Open the shop')).text).toContain('Page: Test shop');
    expect(runningAfterOpen).toBeGreaterThan(0);
    await expect.poll(() => chromiumCount(profile), { timeout: 15_000, interval: 200 }).toBe(0);

    stack.llm.enqueue(use('browser_open', { url: `${site.url}/order` }), reportLast);
    expect((await chatDeciding(stack, 'Open the order page')).text).toContain('Page: Order');
  });
});
