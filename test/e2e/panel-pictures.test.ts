/** Pictures in the chat, in chromium: a browser screenshot shows inline in its tool card, sized, openable, with alt text. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat } from '../support/stack.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

/** A page worth a screenshot: a big green heading on 127.0.0.1. */
async function startSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Shop</title><body style="background:#2e7d32;color:#fff"><h1>Green parcels</h1></body>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe.skipIf(skipReason)('pictures in the chat', () => {
  const env = usePanelWithBrowser({ options: { browser_enabled: true, browser_allow_private: true } });
  let site: { url: string; server: Server };

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await new Promise((resolve) => site?.server.close(resolve));
  });

  it('shows a browser screenshot inline in its card, fitted to the screen, openable, described for screen readers', async () => {
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'browser_open', input: { url: site.url } }] },
      { content: [{ type: 'tool_use', name: 'browser_screenshot', input: {} }] },
      { content: [{ type: 'text', text: 'Here is the shop.' }] },
    );
    const events = await chat(env.panel.stack.url, { message: `Show me the shop at ${site.url}` });
    const done = events.find((e) => e.type === 'done') as { conversation_id: string };

    for (const [name, viewport, scheme, locale] of [
      ['phone', VIEWPORTS.phone, 'light', 'en-US'],
      ['desktop', VIEWPORTS.desktop, 'light', 'en-US'],
      ['phone', VIEWPORTS.phone, 'dark', 'fr-FR'],
      ['desktop', VIEWPORTS.desktop, 'dark', 'fr-FR'],
    ] as const) {
      const watched = await openWatchedPage(env.browser, { viewport, colorScheme: scheme, locale, isMobile: name === 'phone' });
      const { page } = watched;
      try {
        await page.goto(`${env.panel.url}#/chat/${done.conversation_id}`);
        const image = page.getByTestId('tool-image').locator('img');
        await image.waitFor({ timeout: 10_000 });
        // Loaded (a real PNG, decoded), not a broken image.
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        // Described in the panel's language.
        expect(await image.getAttribute('alt')).toContain(locale === 'fr-FR' ? 'Capture d’écran de 127.0.0.1' : 'Screenshot of 127.0.0.1');
        const box = await image.boundingBox();
        expect(box!.width).toBeGreaterThan(100);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        expect(box!.height).toBeLessThanOrEqual(viewport.height * 0.6);
        // The card's text no longer shows the raw address.
        expect(await page.getByTestId('tool-card').filter({ has: page.getByTestId('tool-image') }).locator('details.card > summary').innerText()).not.toContain('api/browser/screenshots');
        const link = page.getByTestId('tool-image').locator('a');
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('aria-label')).toMatch(locale === 'fr-FR' ? /ouvrir/i : /open/i);
        // The toolbar never shows a clipped name ("Maj…"): the name fits or is left to screen readers.
        const clipped = await page.locator('app-toolbar').evaluate((bar) => {
          const title = bar.shadowRoot?.querySelector('h1');
          const shown = !!title && getComputedStyle(title).clipPath === 'none';
          return shown && title.scrollWidth > title.clientWidth ? `${title.scrollWidth}>${title.clientWidth}` : '';
        });
        expect(clipped, `${name} ${locale}`).toBe('');
        await saveScreenshot(page, `pictures-${name}-${scheme}-${locale.slice(0, 2)}`);
        expect(watched.errors).toEqual([]);
      } finally {
        await watched.close();
      }
    }
  });
});
