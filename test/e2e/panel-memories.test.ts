/**
 * The Memories page in chromium: what Majordome remembers about me, corrected and forgotten from
 * the panel, in the same store the model's memory tools use; administrators see everyone's, others
 * only their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnToolCalls } from '../fake-llm/request-view.js';
import { startIngressProxy, type IngressProxy } from '../support/ingress-proxy.js';
import { chat, TEST_USER_HEADERS } from '../support/stack.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();
const BOB_HEADERS = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };

describe.skipIf(skipReason)('the Memories page', () => {
  const env = usePanelWithBrowser();
  let bobProxy: IngressProxy;

  const remember = async (fact: string, headers: Record<string, string>) => {
    env.panel.stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'memory_save', input: { fact } }] }, { content: [{ type: 'text', text: 'Noted.' }] });
    await chat(env.panel.stack.url, { message: `remember: ${fact}` }, headers);
  };

  beforeAll(async () => {
    bobProxy = await startIngressProxy({ target: env.panel.stack.url, user: { id: 'user-bob', name: 'bob', displayName: 'Bob' }, token: 'e2e-bob-token' });
    await remember('I take the 8:12 train on weekdays', TEST_USER_HEADERS);
    await remember('My sister is called Jeanne', TEST_USER_HEADERS);
    await remember('Bob likes the hall light dimmed', BOB_HEADERS);
  });
  afterAll(async () => {
    await bobProxy?.stop();
  });

  it('lists my memories, corrects one for the model too, and forgets one', async () => {
    const watched = await openWatchedPage(env.browser);
    const { page } = watched;
    try {
      await page.goto(`${env.panel.url}#/memories`);
      const memory = page.getByTestId('memory');
      await expect.poll(() => memory.count(), { timeout: 10_000 }).toBe(2);
      expect(await deepText(page.getByTestId('memories-page'))).not.toContain('hall light');

      const train = memory.filter({ hasText: '8:12 train' });
      await train.getByTestId('memory-edit').click();
      const field = page.getByTestId('memory-field');
      await field.fill('I take the 7:42 train on weekdays');
      await page.getByTestId('memory-save').click();
      await memory.filter({ hasText: '7:42 train' }).waitFor();
      expect(await memory.filter({ hasText: '8:12' }).count()).toBe(0);

      // The model finds the corrected fact, not the old one: one store for the panel and the tools.
      let found = '';
      env.panel.stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'memory_search', input: { query: 'train' } }] }, (req) => {
        found = turnToolCalls(req.body).at(-1)?.result?.text ?? '';
        return { content: [{ type: 'text', text: 'ok' }] };
      });
      await chat(env.panel.stack.url, { message: 'which train do I take?' });
      expect(found).toContain('7:42');
      expect(found).not.toContain('8:12');

      // A secret is refused, as the model's memory_save refuses it.
      await memory.filter({ hasText: 'Jeanne' }).getByTestId('memory-edit').click();
      await page.getByTestId('memory-field').fill('The alarm code is 4821');
      await page.getByTestId('memory-save').click();
      await page.getByTestId('memory-error').waitFor();
      expect(await page.getByTestId('memory-error').innerText()).toMatch(/password, code or key/);
      await page.getByTestId('memory-cancel').click();

      await saveScreenshot(page, 'memories-en-desktop');
      await memory.filter({ hasText: 'Jeanne' }).getByTestId('memory-delete').click();
      await expect.poll(() => memory.count()).toBe(1);
      const mine = (await (await fetch(`${env.panel.stack.url}/api/memories`, { headers: TEST_USER_HEADERS })).json()) as { memories: Array<{ fact: string }> };
      expect(mine.memories.map((m) => m.fact)).toEqual(['I take the 7:42 train on weekdays']);
      expect(watched.errors.filter((e) => !/422/.test(e))).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it("shows an administrator everyone's memories, with whose they are", async () => {
    for (const [screen, viewport] of Object.entries(VIEWPORTS)) {
      for (const [locale, scheme] of [['en-US', 'light'], ['en-US', 'dark'], ['fr-FR', 'light']] as const) {
        const watched = await openWatchedPage(env.browser, { viewport, locale, colorScheme: scheme, isMobile: screen === 'phone' });
        const { page } = watched;
        try {
          await page.goto(`${env.panel.url}#/memories`);
          await page.getByTestId('memories-everyone').click();
          const bobs = page.getByTestId('memory').filter({ hasText: 'hall light' });
          await bobs.waitFor();
          expect(await deepText(bobs)).toContain('Bob');
          await saveScreenshot(page, `memories-${locale.slice(0, 2)}-${screen}-${scheme}`);
          expect(watched.errors).toEqual([]);
        } finally {
          await watched.close();
        }
      }
    }
  });

  it("shows anyone else only their own, and the API refuses them everyone's", async () => {
    const watched = await openWatchedPage(env.browser, { viewport: VIEWPORTS.phone, isMobile: true });
    const { page } = watched;
    try {
      await page.goto(`${bobProxy.url}#/memories`);
      const memory = page.getByTestId('memory');
      await expect.poll(() => memory.count(), { timeout: 10_000 }).toBe(1);
      expect(await deepText(memory)).toContain('hall light');
      expect(await page.getByTestId('memories-everyone').count()).toBe(0);
      expect((await fetch(`${env.panel.stack.url}/api/memories?all=true`, { headers: BOB_HEADERS })).status).toBe(403);
      const alices = (await (await fetch(`${env.panel.stack.url}/api/memories`, { headers: TEST_USER_HEADERS })).json()) as { memories: Array<{ id: number }> };
      const alicesId = alices.memories[0]!.id;
      const patch = await fetch(`${env.panel.stack.url}/api/memories/${alicesId}`, { method: 'PATCH', headers: { ...BOB_HEADERS, 'content-type': 'application/json' }, body: JSON.stringify({ fact: 'hijacked' }) });
      expect(patch.status).toBe(404);
      expect((await fetch(`${env.panel.stack.url}/api/memories/${alicesId}`, { method: 'DELETE', headers: BOB_HEADERS })).status).toBe(404);
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
