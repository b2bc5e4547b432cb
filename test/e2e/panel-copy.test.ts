/**
 * Copy buttons, in chromium: an answer copies as the markdown it was written in, a code block as
 * exactly its code (an automation's YAML pasted into HA must be the YAML, not the page's text), in
 * the panel's language; and where the page is not a secure context (HA over plain http on the
 * LAN has no Clipboard API) the copy still happens, as HA's own copy buttons do it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, VIEWPORTS, watchNewPage } from './support/browser.js';
import { sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

const YAML = ['alias: Porch light at sunset', 'triggers:', '  - trigger: sun', '    event: sunset', 'actions:', '  - action: light.turn_on', '    target:', '      entity_id: light.porch'].join('\n');
const ANSWER = `Here is the automation:\n\n\`\`\`yaml\n${YAML}\n\`\`\`\n\nSay **yes** and I will save it.`;

/** Hides the Clipboard API as a non-secure page has none, keeping a way for the test to read what was copied. */
const WITHOUT_CLIPBOARD_API = `
  const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
  window.__readClipboard = () => real.get.call(navigator).readText();
  window.__writeClipboard = (text) => real.get.call(navigator).writeText(text);
  Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
`;

describe.skipIf(skipReason)('copying from the chat', () => {
  const env = usePanelWithBrowser();

  async function answeredPage(opts: { locale?: string; clipboardApi?: boolean } = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await env.browser.newContext({ viewport: VIEWPORTS.desktop, locale: opts.locale ?? 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.panel.url).origin });
    if (opts.clipboardApi === false) await context.addInitScript(WITHOUT_CLIPBOARD_API);
    const { page, errors } = await watchNewPage(context);
    env.panel.stack.llm.enqueue({ content: [{ type: 'text', text: ANSWER }] });
    await page.goto(env.panel.url);
    await sendFromComposer(page, 'Write me an automation that turns the porch light on at sunset');
    await page.getByTestId('message-assistant').filter({ hasText: 'Say yes and I will save it.' }).waitFor();
    // The clipboard outlives a context: what an earlier test copied must not pass for this one's copy.
    await page.evaluate((viaApi) => {
      const write = viaApi ? (text: string) => navigator.clipboard.writeText(text) : (window as unknown as { __writeClipboard(text: string): Promise<void> }).__writeClipboard;
      return write('nothing copied yet');
    }, opts.clipboardApi !== false);
    return { page, context, errors };
  }

  const clipboard = (page: Page, viaApi = true): Promise<string> =>
    viaApi ? page.evaluate(() => navigator.clipboard.readText()) : page.evaluate(() => (window as unknown as { __readClipboard(): Promise<string> }).__readClipboard());

  it('copies the answer as its markdown and says so', async () => {
    const { page, context, errors } = await answeredPage();
    try {
      const button = page.getByRole('button', { name: 'Copy the answer' });
      await button.click();
      expect(await clipboard(page)).toBe(ANSWER);
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'Copied' }).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('copies a code block as exactly its code', async () => {
    const { page, context, errors } = await answeredPage();
    try {
      await page.getByRole('button', { name: 'Copy the code' }).click();
      expect(await clipboard(page)).toBe(`${YAML}\n`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('names its buttons in the panel language', async () => {
    const { page, context } = await answeredPage({ locale: 'fr-FR' });
    try {
      await page.getByRole('button', { name: 'Copier le code' }).click();
      await page.getByRole('button', { name: 'Copié' }).waitFor();
      expect(await page.getByRole('button', { name: 'Copier la réponse' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('still copies where the page has no Clipboard API (HA over plain http)', async () => {
    const { page, context, errors } = await answeredPage({ clipboardApi: false });
    try {
      expect(await page.evaluate(() => navigator.clipboard === undefined)).toBe(true);
      await page.getByRole('button', { name: 'Copy the code' }).click();
      expect(await clipboard(page, false)).toBe(`${YAML}\n`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
