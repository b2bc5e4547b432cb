import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startPanelStack, type PanelStack, type PanelStackOptions } from './panel-stack.js';

/** The panel stack and chromium of one describe block, started before its tests and stopped after them. */
export interface PanelWithBrowser {
  readonly panel: PanelStack;
  readonly browser: Browser;
}

/**
 * Starts the panel stack and chromium in `beforeAll` and stops them in `afterAll`, for the describe
 * block it is called in (a skipped block starts nothing). Read `panel` and `browser` inside tests or
 * later hooks: they exist only once the block's `beforeAll` has run.
 */
export function usePanelWithBrowser(options: PanelStackOptions = {}): PanelWithBrowser {
  let panel: PanelStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    panel = await startPanelStack(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await panel?.stop();
  });
  return {
    get panel() {
      if (!panel) throw new Error('the panel stack is not started yet: read it inside a test or a later hook');
      return panel;
    },
    get browser() {
      if (!browser) throw new Error('chromium is not launched yet: read it inside a test or a later hook');
      return browser;
    },
  };
}
