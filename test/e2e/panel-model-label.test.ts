/**
 * Issue 19's "the chat says which model answers", in chromium: after a message, the chat reads
 * "Answered by <the configured model>"; the demo's stand-in reads "demo model", so nobody takes it
 * for Claude; and the line is in HA's language when HA frames the panel in French.
 */
import { describe, expect, it } from 'vitest';
import { createDemoResponder, DEMO_MODEL_NAME } from '../fake-llm/demo-model.js';
import { loadDemoHome } from '../ha-sim/index.js';
import { chromiumMissing, openWatchedPage, saveScreenshot } from './support/browser.js';
import { openInHa } from './support/ha-frame.js';
import { sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

// A model other than the default, so the label can only have come from the option.
const CONFIGURED_MODEL = 'claude-haiku-4-5';

describe.skipIf(skipReason)('the chat names the configured model', () => {
  const env = usePanelWithBrowser({ options: { model: CONFIGURED_MODEL } });

  it(`reads "Answered by ${CONFIGURED_MODEL}" once a message is answered`, async () => {
    env.panel.stack.llm.enqueue({ content: [{ type: 'text', text: 'All quiet at home.' }] });
    const watched = await openWatchedPage(env.browser);
    const { page } = watched;
    try {
      await page.goto(env.panel.url);
      await sendFromComposer(page, 'Anything happening?');
      await page.getByTestId('message-assistant').filter({ hasText: 'All quiet at home.' }).waitFor();
      const label = page.getByTestId('model-label');
      expect(await label.isVisible()).toBe(true);
      expect(await label.innerText()).toBe(`Answered by ${CONFIGURED_MODEL}`);
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});

describe.skipIf(skipReason)('the demo names its stand-in model', () => {
  const env = usePanelWithBrowser({ home: loadDemoHome(), options: { model: DEMO_MODEL_NAME }, fakeAnthropic: { fallback: createDemoResponder() } });

  it('reads "Answered by demo model" beside the demo model\'s answer', async () => {
    const watched = await openWatchedPage(env.browser);
    const { page } = watched;
    try {
      await page.goto(env.panel.url);
      await sendFromComposer(page, 'hello');
      await page.getByTestId('message-assistant').filter({ hasText: 'I am the demo model' }).waitFor();
      const label = page.getByTestId('model-label');
      expect(await label.isVisible()).toBe(true);
      expect(await label.innerText()).toBe('Answered by demo model');
      await saveScreenshot(page, 'model-label-demo-en');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it('reads it in French when HA speaks French, on an English computer', async () => {
    const { watched, page, frame } = await openInHa(env.browser, env.panel.url, { language: 'fr' });
    try {
      await sendFromComposer(frame, 'bonjour');
      await frame.getByTestId('message-assistant').filter({ hasText: 'Je suis le demo model' }).waitFor();
      const label = frame.getByTestId('model-label');
      expect(await label.isVisible()).toBe(true);
      expect(await label.innerText()).toBe('Réponses de demo model');
      await saveScreenshot(page, 'model-label-demo-fr');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});
