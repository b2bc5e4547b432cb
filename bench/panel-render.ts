/**
 * Time to first render of the panel (issue 3) in headless Debian chromium: the real server with
 * the HA simulator and the fake model, behind the ingress stand-in, as a user opens it from HA's
 * sidebar. Cold loads use a new browser context each (empty cache); warm loads reload one page.
 * "Ready" is when the chat composer exists and is visible, read inside the page (performance.now()
 * from navigation start) so the measurement does not include the test driver's round trips.
 */
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../test/e2e/support/browser.js';
import { panelUnavailable } from '../test/e2e/support/panel-build.js';
import { startPanelStack } from '../test/e2e/support/panel-stack.js';
import type { Check } from './results.js';
import { summarize, type Distribution } from './stats.js';

/** Milliseconds from navigation start, per kind of load. */
export interface PanelRender {
  loads: number;
  cold_fcp_ms?: Distribution;
  cold_ready_ms?: Distribution;
  warm_ready_ms?: Distribution;
  skipped?: string;
}

// A string, not a function: tsx's transform would add helpers the page does not have.
const COMPOSER_READY = `(() => {
  const find = (root) => {
    const hit = root.querySelector('[data-testid="composer-input"]');
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const composer = find(document);
  return composer && composer.getBoundingClientRect().height > 0 ? performance.now() : false;
})()`;

/** Waits for the composer (inside the app's shadow roots) to be laid out; resolves with performance.now() then. */
async function readyAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(COMPOSER_READY, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

async function firstContentfulPaint(page: Page): Promise<number | undefined> {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
}

async function coldLoad(browser: Browser, url: string): Promise<{ fcp: number | undefined; ready: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const ready = await readyAt(page);
    return { fcp: await firstContentfulPaint(page), ready };
  } finally {
    await context.close();
  }
}

/** Opens the panel `loads` times cold and `loads` times warm; medians in the report. */
export async function measurePanelRender(loads = 7): Promise<PanelRender> {
  const skipped = chromiumMissing ?? panelUnavailable();
  if (skipped) return { loads: 0, skipped };
  const panel = await startPanelStack();
  const browser = await launchChromium();
  try {
    // One load first so the server's and chromium's own start-up costs are not counted.
    await coldLoad(browser, panel.url);
    const cold = [];
    for (let i = 0; i < loads; i++) cold.push(await coldLoad(browser, panel.url));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(panel.url);
    await readyAt(page);
    const warm = [];
    for (let i = 0; i < loads; i++) {
      await page.reload();
      warm.push(await readyAt(page));
    }
    await context.close();
    const fcps = cold.map((c) => c.fcp).filter((v): v is number => v !== undefined);
    return {
      loads,
      ...(fcps.length > 0 && { cold_fcp_ms: summarize(fcps) }),
      cold_ready_ms: summarize(cold.map((c) => c.ready)),
      warm_ready_ms: summarize(warm),
    };
  } finally {
    await browser.close();
    await panel.stop();
  }
}

/** The render rows of the report (no target in the issue: information). */
export function panelRenderChecks(render: PanelRender): Check[] {
  if (render.skipped) return [{ name: 'panel: time to first render', target: 'info', value: `skipped (${render.skipped})`, verdict: 'INFO' }];
  const ms = (d: Distribution | undefined) => (d ? `p50 ${Math.round(d.p50)} ms, p95 ${Math.round(d.p95)} ms` : 'n/a');
  return [
    { name: `panel: first contentful paint, cold (${render.loads} loads, headless chromium)`, target: 'info', value: ms(render.cold_fcp_ms), verdict: 'INFO' },
    { name: 'panel: chat composer ready, cold load', target: 'info', value: ms(render.cold_ready_ms), verdict: 'INFO' },
    { name: 'panel: chat composer ready, warm reload', target: 'info', value: ms(render.warm_ready_ms), verdict: 'INFO' },
  ];
}
