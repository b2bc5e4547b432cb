import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, openWatchedPage } from './support/browser.js';
import { probeSocketIo, sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

/** A page on another origin, standing in for a malicious site the HA user happens to visit. */
async function startForeignSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe.skipIf(chromiumMissing)('browser harness: real chromium through the ingress stand-in', () => {
  const env = usePanelWithBrowser({ requirePanel: false });
  let foreign: { url: string; server: Server };

  beforeAll(async () => {
    foreign = await startForeignSite();
  });
  afterAll(() => {
    foreign?.server.close();
  });

  it("lets the panel's own page open socket.io over WebSocket and join as the ingress user", async () => {
    const watched = await openWatchedPage(env.browser);
    const res = await watched.page.goto(env.panel.url);
    expect(res?.status()).toBe(200);
    const wsUrl = new URL('socket.io/?EIO=4&transport=websocket', env.panel.url).href.replace(/^http/, 'ws');
    const probe = await probeSocketIo(watched.page, wsUrl);
    expect(probe.opened).toBe(true);
    expect(probe.messages[0]).toMatch(/^0\{"sid":/);
    expect(probe.messages[1]).toMatch(/^40\{"sid":/);
    await watched.close();
  });

  it('refuses the same WebSocket from a page on another site (the browser sends its Origin)', async () => {
    const watched = await openWatchedPage(env.browser);
    await watched.page.goto(foreign.url);
    const wsUrl = new URL('socket.io/?EIO=4&transport=websocket', env.panel.url).href.replace(/^http/, 'ws');
    const probe = await probeSocketIo(watched.page, wsUrl);
    expect(probe).toEqual({ opened: false, messages: [] });
    await watched.close();
  });
});

describe.skipIf(chromiumMissing ?? panelUnavailable())('the panel behind a proxy that drops WebSockets', () => {
  const env = usePanelWithBrowser({ blockWebSockets: true });

  it('falls back to long-polling and still chats', async () => {
    const watched = await openWatchedPage(env.browser);
    const polled: string[] = [];
    watched.page.on('request', (req) => {
      if (req.url().includes('transport=polling')) polled.push(req.url());
    });
    await watched.page.goto(env.panel.url);
    await watched.page.getByTestId('composer-input').waitFor();
    env.panel.stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello over long-polling.' }] });
    await sendFromComposer(watched.page, 'Hello');
    await watched.page.getByTestId('message-assistant').filter({ hasText: 'Hello over long-polling.' }).waitFor();
    expect(polled.length).toBeGreaterThan(0);
    await watched.close();
    // The refused WebSocket is the only thing the browser may complain about.
    expect(watched.errors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
  });
});

if (chromiumMissing) console.warn(`e2e skipped: ${chromiumMissing}`);
