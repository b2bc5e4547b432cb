/** A tool card reads in words, in English and French: what the call did, the JSON only under "Details". */
import { describe, expect, it } from 'vitest';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };

describe.skipIf(skipReason)('tool cards in words', () => {
  const env = usePanelWithBrowser();

  for (const [language, locale, title, result, outcome] of [
    ['en', 'en-US', 'Bedroom lamp → on', 'Result', 'Bedroom Lamp: off → on'],
    ['fr', 'fr-FR', 'Bedroom lamp → allumé', 'Résultat', 'Bedroom Lamp : Éteint → Allumé'],
  ] as const) {
    it(`shows a light command as what it did in ${language === 'en' ? 'English' : 'French'}, its JSON only under Details`, async () => {
      env.panel.stack.sim.setState('light.bedroom_lamp', 'off');
      env.panel.stack.llm.enqueue(
        { content: [{ type: 'tool_use', name: 'ha_call_service', input: LAMP_ON }] },
        { content: [{ type: 'text', text: 'The lamp is on.' }] },
      );
      const watched = await openWatchedPage(env.browser, { viewport: VIEWPORTS.desktop, locale });
      const { page } = watched;
      try {
        await page.goto(env.panel.url);
        await sendFromComposer(page, 'Turn on the bedroom lamp');
        const card = page.locator('[data-testid="tool-card"][data-status="ok"]');
        await card.waitFor();
        await page.getByTestId('message-assistant').filter({ hasText: 'The lamp is on.' }).waitFor();

        // Closed, the card is one line in words: no wire name, no JSON.
        expect(await card.getByTestId('tool-title').innerText()).toBe(title);
        const closed = await card.locator('details.card > summary').innerText();
        expect(closed).toContain(outcome);
        expect(closed).not.toContain('ha_call_service');
        expect(closed).not.toContain('{');

        // Opened, it shows the result; the raw input waits under Details.
        await card.getByTestId('tool-title').click();
        const opened = await card.locator('details.card').innerText();
        expect(opened.toLowerCase()).toContain(result.toLowerCase());
        expect(opened).not.toContain('ha_call_service');
        expect(opened).not.toContain('"entity_id"');
        await saveScreenshot(page, `tool-card-${language}-opened`);

        await card.getByTestId('tool-details').locator('summary').click();
        const details = await card.getByTestId('tool-details').innerText();
        expect(details).toContain('ha_call_service');
        expect(details).toContain('"entity_id": "light.bedroom_lamp"');
        await saveScreenshot(page, `tool-card-${language}-details`);
        expect(watched.errors).toEqual([]);
      } finally {
        await watched.close();
      }
    });
  }
});
