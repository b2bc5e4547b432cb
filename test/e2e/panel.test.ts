import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fake-llm/types.js';
import { turnToolCalls } from '../fake-llm/request-view.js';
import { chromiumMissing, newContext, saveScreenshot, VIEWPORTS, watchNewPage, type WatchedPage } from './support/browser.js';
import { countDeep, deepText, gate, sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();
if (skipReason) console.warn(`panel e2e skipped: ${skipReason}`);

const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };
const UNLOCK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const UNLOCK_BACK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.back_door' } };
// Operating a valve asks by default, and may be saved as a rule.
const CLOSE_VALVE = { domain: 'valve', service: 'close_valve', target: { entity_id: 'valve.main_valve' } };

function lastToolFailed(req: RecordedRequest): boolean {
  return turnToolCalls(req.body).at(-1)?.result?.isError === true;
}

/**
 * A stand-in for HA's frontend around an ingress panel (ha-panel-app): frames the panel, records
 * what the frame posts, answers `subscribe-properties` with `narrow: true` like HA on a phone.
 */
async function startHaFrontend(panelUrl: string): Promise<{ url: string; server: Server }> {
  const page = `<!doctype html><title>Home Assistant</title>
<body style="margin:0"><iframe id="panel" title="Majordome" src="${panelUrl}" style="width:390px;height:800px;border:0"></iframe>
<script>
  const frame = () => document.getElementById('panel').contentWindow;
  window.haMessages = [];
  window.setNarrow = (narrow) => frame().postMessage({ type: 'home-assistant/properties', narrow, route: { prefix: '', path: '' } }, '*');
  window.addEventListener('message', (event) => {
    if (event.source !== frame()) return;
    window.haMessages.push(event.data.type);
    if (event.data.type === 'home-assistant/subscribe-properties') window.setNarrow(true);
  });
</script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe.skipIf(skipReason)('the panel in chromium, through ingress, against the simulator and the fake model', () => {
  const env = usePanelWithBrowser();
  /** One context per screen; each test opens its own page (creating contexts is slow). */
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let approvalsWired = false;
  /** The first test's conversation, as its URL (`…/#/chat/<id>`). */
  let conversationUrl = '';
  /** The text of that conversation's tool card while the turn ran. */
  let liveToolCard = '';

  async function open(url: string, context: BrowserContext = desktop): Promise<WatchedPage> {
    const watched = await watchNewPage(context);
    await watched.page.goto(url);
    await watched.page.getByTestId('composer-input').waitFor();
    return watched;
  }

  /** Closes the page and checks it logged no error (console, uncaught, failed request) and opened no dialog. */
  async function closeClean(watched: WatchedPage): Promise<void> {
    await watched.close();
    expect(watched.errors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  }

  /** The lamp conversation the first test creates; made here when a test runs on its own (`-t`). */
  async function lampConversation(): Promise<string> {
    if (conversationUrl) return conversationUrl;
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: LAMP_ON }] },
      { content: [{ type: 'text', text: 'Done: the **bedroom lamp** is on.' }] },
    );
    const watched = await open(env.panel.url);
    await sendFromComposer(watched.page, 'Turn on the bedroom lamp');
    await watched.page.waitForURL(/#\/chat\/.+/);
    await watched.page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp is on' }).waitFor();
    liveToolCard = await deepText(watched.page.getByTestId('tool-card'));
    conversationUrl = watched.page.url();
    await closeClean(watched);
    return conversationUrl;
  }

  beforeAll(async () => {
    desktop = await newContext(env.browser, { viewport: VIEWPORTS.desktop });
    phone = await newContext(env.browser, { viewport: VIEWPORTS.phone, isMobile: true });
    approvalsWired = (await env.panel.status()).approvals?.enabled === true;
  });

  it('streams the answer while the turn runs, shows the tool call as a card, and the lamp turns on', async () => {
    env.panel.stack.sim.setState('light.bedroom_lamp', 'off');
    const secondStep = gate();
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'text', text: 'Let me turn it on.' }, { type: 'tool_use', name: 'ha_call_service', input: LAMP_ON }] },
      async (req) => {
        await secondStep.wait;
        return { content: [{ type: 'text', text: lastToolFailed(req) ? 'That failed.' : 'Done: the **bedroom lamp** is on.' }] };
      },
    );
    const watched = await open(env.panel.url);
    const { page } = watched;
    await sendFromComposer(page, 'Turn on the bedroom lamp');

    await page.locator('[data-testid="tool-card"][data-status="ok"]').waitFor();
    // The first step's text is on screen while the model is still working on the second.
    expect(await deepText(page.getByTestId('message-assistant').first())).toContain('Let me turn it on.');
    await page.getByTestId('stop-button').waitFor();
    expect(await deepText(page.getByTestId('tool-card'))).toContain('ha_call_service');
    expect(env.panel.stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');
    liveToolCard = await deepText(page.getByTestId('tool-card'));

    secondStep.open();
    await page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp' }).waitFor();
    await page.getByTestId('composer-send').waitFor();
    const answer = page.getByTestId('message-assistant').last();
    expect(await deepText(answer)).toBe('Done: the bedroom lamp is on.');
    expect(await answer.locator('strong').count()).toBe(1);
    expect(await deepText(page.getByTestId('message-user'))).toContain('Turn on the bedroom lamp');

    await page.waitForURL(/#\/chat\/.+/);
    conversationUrl = page.url();
    await closeClean(watched);
  });

  it('shows the conversation again after a reload, tool cards with their summary, and lists it', async () => {
    const watched = await open(await lampConversation());
    const { page } = watched;
    await page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp is on' }).waitFor();
    expect(await deepText(page.getByTestId('message-user').first())).toContain('Turn on the bedroom lamp');
    // The card reads as it did live (the tool's summary), not as the raw output the model got.
    const reloadedCard = await deepText(page.locator('[data-testid="tool-card"][data-status="ok"]'));
    expect(reloadedCard).toBe(liveToolCard);
    expect(reloadedCard).not.toContain('{"');
    await page.getByTestId('conversation-item').first().waitFor();
    await page.reload();
    await page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp is on' }).waitFor();
    await closeClean(watched);
  });

  it('asks before unlocking the front door, and unlocks it once approved', async (ctx) => {
    ctx.skip(!approvalsWired, 'approvals are not wired in main.ts yet (/api/status says approvals.enabled is false)');
    env.panel.stack.sim.setState('lock.front_door', 'locked');
    env.panel.stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: UNLOCK }] }, (req) => ({
      content: [{ type: 'text', text: lastToolFailed(req) ? 'It was not unlocked.' : 'The front door is unlocked.' }],
    }));
    const watched = await open(env.panel.url);
    const { page } = watched;
    await sendFromComposer(page, 'Unlock the front door');
    const approve = page.getByTestId('approval-approve');
    await approve.waitFor();
    expect(await deepText(page.getByTestId('approval-card').first())).toMatch(/lock\.front_door|front door/i);
    // Nothing reached HA while the approval is pending.
    expect(env.panel.stack.sim.getState('lock.front_door')?.state).toBe('locked');
    await approve.click();
    await page.getByTestId('message-assistant').filter({ hasText: 'The front door is unlocked.' }).waitFor();
    expect(env.panel.stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    await closeClean(watched);
  });

  it('a closed page cancels nothing: the unlock waits for its approval, which another page gives, and the reopened page shows the answer', async (ctx) => {
    ctx.skip(!approvalsWired, 'approvals are not wired in main.ts yet');
    env.panel.stack.sim.setState('lock.front_door', 'locked');
    env.panel.stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: UNLOCK }] }, (req) => ({
      content: [{ type: 'text', text: lastToolFailed(req) ? 'It was not unlocked.' : 'The front door is unlocked now.' }],
    }));
    const first = await open(env.panel.url);
    await sendFromComposer(first.page, 'Unlock the front door');
    await first.page.getByTestId('approval-approve').waitFor();
    await first.page.waitForURL(/#\/chat\/.+/);
    const url = first.page.url();
    // Like a phone locking its screen or a closed tab: the socket goes, the turn stays.
    await closeClean(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pending = (await (await fetch(`${env.panel.url}api/approvals?status=pending`)).json()) as { approvals: Array<{ id: string }> };
    expect(pending.approvals).toHaveLength(1);

    // Another page of the same user approves it from the approvals page.
    const other = await watchNewPage(desktop);
    await other.page.goto(`${env.panel.url}#/approvals`);
    await other.page.getByTestId('approval-approve').first().click();
    await other.page.getByTestId('approval-approve').waitFor({ state: 'detached' });
    await closeClean(other);

    const reopened = await open(url);
    await reopened.page.getByTestId('message-assistant').filter({ hasText: 'The front door is unlocked now.' }).waitFor();
    expect(env.panel.stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(await deepText(reopened.page.getByTestId('message-user').last())).toContain('Unlock the front door');
    await closeClean(reopened);
  });

  it('a page opened while the turn waits shows its message, the pending approval and then the answer', async (ctx) => {
    ctx.skip(!approvalsWired, 'approvals are not wired in main.ts yet');
    env.panel.stack.sim.setState('lock.front_door', 'locked');
    env.panel.stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: UNLOCK }] }, (req) => ({
      content: [{ type: 'text', text: lastToolFailed(req) ? 'It was not unlocked.' : 'Unlocked, as asked.' }],
    }));
    const first = await open(env.panel.url);
    await sendFromComposer(first.page, 'Please unlock the front door');
    await first.page.getByTestId('approval-approve').waitFor();
    await first.page.waitForURL(/#\/chat\/.+/);
    const url = first.page.url();
    await closeClean(first);

    const reopened = await open(url);
    const { page } = reopened;
    await page.getByTestId('approval-card').waitFor();
    expect(await deepText(page.getByTestId('message-user').last())).toContain('Please unlock the front door');
    await page.getByTestId('stop-button').waitFor();
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('message-assistant').filter({ hasText: 'Unlocked, as asked.' }).waitFor();
    expect(env.panel.stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    await closeClean(reopened);
  });

  it('"Always allow" approves and saves a rule: the same valve call then runs without asking, until the rule is deleted on the status page', async (ctx) => {
    ctx.skip(!approvalsWired, 'approvals are not wired in main.ts yet');
    env.panel.stack.sim.setState('valve.main_valve', 'open');
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: CLOSE_VALVE }] },
      { content: [{ type: 'text', text: 'The main valve is closed.' }] },
    );
    const watched = await open(env.panel.url);
    const { page } = watched;
    await sendFromComposer(page, 'Close the main valve');
    await page.getByTestId('approval-always').click();
    await page.getByTestId('message-assistant').filter({ hasText: 'The main valve is closed.' }).waitFor();
    expect(env.panel.stack.sim.getState('valve.main_valve')?.state).toBe('closed');

    env.panel.stack.sim.setState('valve.main_valve', 'open');
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: CLOSE_VALVE }] },
      { content: [{ type: 'text', text: 'Closed again, no questions asked.' }] },
    );
    await sendFromComposer(page, 'Close it again');
    await page.getByTestId('message-assistant').filter({ hasText: 'no questions asked' }).waitFor();
    expect(env.panel.stack.sim.getState('valve.main_valve')?.state).toBe('closed');
    expect(await page.getByTestId('approval-card').count()).toBe(1);

    await page.goto(new URL('#/status', env.panel.url).href);
    const rule = page.getByTestId('saved-rule').filter({ hasText: 'valve.main_valve' });
    await rule.waitFor();
    expect(await deepText(rule)).toContain('domain=valve service=close_valve entity_id=valve.main_valve');
    await rule.getByTestId('rule-delete').click();
    await rule.waitFor({ state: 'detached' });
    await closeClean(watched);
  });

  it('"Always allow" is not offered on an unlock: the card says it asks every time; approving it once unlocks', async (ctx) => {
    ctx.skip(!approvalsWired, 'approvals are not wired in main.ts yet');
    env.panel.stack.sim.setState('lock.back_door', 'locked');
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: UNLOCK_BACK }] },
      { content: [{ type: 'text', text: 'The back door is unlocked.' }] },
    );
    const watched = await open(env.panel.url);
    const { page } = watched;
    await sendFromComposer(page, 'Unlock the back door');
    const card = page.getByTestId('approval-card').first();
    const note = card.getByTestId('approval-always-refused');
    await note.waitFor();
    expect(await deepText(note)).toContain('locks, alarm panels, garage doors and gates');
    expect(await card.getByTestId('approval-always').count()).toBe(0);
    expect(env.panel.stack.sim.getState('lock.back_door')?.state).toBe('locked');

    await card.getByTestId('approval-approve').click();
    await page.getByTestId('message-assistant').filter({ hasText: 'The back door is unlocked.' }).waitFor();
    expect(env.panel.stack.sim.getState('lock.back_door')?.state).toBe('unlocked');
    await page.goto(new URL('#/status', env.panel.url).href);
    await page.getByTestId('saved-rules').waitFor();
    expect(await page.getByTestId('saved-rule').filter({ hasText: 'lock.back_door' }).count()).toBe(0);
    await closeClean(watched);
  });

  it("follows HA's frame: subscribes to its properties, and on a narrow HA offers HA's menu, which asks HA to toggle it", async () => {
    const frontend = await startHaFrontend(env.panel.url);
    try {
      const watched = await watchNewPage(desktop);
      const { page } = watched;
      await page.goto(frontend.url);
      const frame = page.frameLocator('#panel');
      await frame.getByTestId('ha-menu').click();
      const messages = () => page.evaluate(() => (window as unknown as { haMessages: string[] }).haMessages);
      await expect.poll(messages).toContain('home-assistant/toggle-menu');
      expect((await messages())[0]).toBe('home-assistant/subscribe-properties');
      // HA goes wide again (the window grew): its own sidebar is back, the button goes away.
      await page.evaluate(() => (window as unknown as { setNarrow(narrow: boolean): void }).setNarrow(false));
      await frame.getByTestId('ha-menu').waitFor({ state: 'detached' });
      await closeClean(watched);
    } finally {
      frontend.server.close();
    }
  });

  it("shows the model's raw HTML as text: an <img onerror> or a javascript: link never runs", async () => {
    const hostile = [
      'Here you go: <img src=x onerror="window.__pwned=(window.__pwned||0)+1;alert(1)">',
      '<script>window.__pwned=1</script>',
      '[click me](javascript:window.__pwned=1) and <a href="javascript:alert(1)">this</a>',
      '<svg onload="window.__pwned=1"></svg> <iframe src="javascript:alert(1)"></iframe>',
    ].join('\n\n');
    env.panel.stack.llm.enqueue({ content: [{ type: 'text', text: hostile }] });
    const watched = await open(env.panel.url);
    const { page } = watched;
    await sendFromComposer(page, 'Say something nasty');
    const answer = page.getByTestId('message-assistant').filter({ hasText: 'Here you go' });
    await answer.waitFor();
    await page.getByTestId('composer-send').waitFor();
    // The markup is visible as text, and no element the model described exists.
    expect(await deepText(answer)).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    for (const selector of ['img', 'script:not([type="module"])', 'svg[onload]', 'iframe', '[onerror]', '[onload]', 'a[href^="javascript:"]']) {
      expect(await countDeep(page, `md-message ${selector}`) + (await answer.evaluate((el, sel) => el.shadowRoot?.querySelectorAll(sel).length ?? 0, selector))).toBe(0);
    }
    // Clicking what looks like a link does nothing either.
    const link = answer.locator('a').first();
    if ((await link.count()) > 0) await link.click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await closeClean(watched);
  });

  it('fits a phone (390×844) and a desktop, chat and status pages; screenshots saved as artifacts', async () => {
    const url = await lampConversation();
    for (const [name, context, viewport] of [
      ['phone', phone, VIEWPORTS.phone],
      ['desktop', desktop, VIEWPORTS.desktop],
    ] as const) {
      const watched = await open(url, context);
      const { page } = watched;
      await page.getByTestId('message-assistant').filter({ hasText: 'bedroom lamp is on' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      const composer = await page.getByTestId('composer-input').boundingBox();
      expect(composer, `${name}: composer not laid out`).not.toBeNull();
      expect(composer!.x + composer!.width).toBeLessThanOrEqual(viewport.width);
      expect(composer!.y + composer!.height).toBeLessThanOrEqual(viewport.height);
      // Not framed by HA: no HA menu button, whatever the width.
      expect(await page.getByTestId('ha-menu').count()).toBe(0);
      // The tabs' names: beside their icons on a desktop; on a phone out of sight (icons only) but still read out.
      const tabName = page.locator('app-toolbar .tab .label').first();
      expect(await tabName.textContent()).toMatch(/\S/);
      const tabNameWidth = (await tabName.boundingBox())?.width ?? 0;
      if (name === 'phone') expect(tabNameWidth, 'phone: the tab names take room').toBeLessThanOrEqual(1);
      else expect(tabNameWidth, 'desktop: the tab names are hidden').toBeGreaterThan(1);
      await saveScreenshot(page, `panel-${name}-chat`);

      await page.goto(new URL('#/status', url).href);
      // The capabilities section lists the home tools once /api/status has answered.
      await page.getByTestId('status-page').filter({ hasText: 'ha_call_service' }).waitFor();
      await saveScreenshot(page, `panel-${name}-status`);
      await closeClean(watched);
    }
  });
});
