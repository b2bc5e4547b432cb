/**
 * Usage on the status page, in chromium: what the model cost today and per model, the daily
 * budget and what is left, the last 30 days as a chart; and the activity log names people.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chat } from '../support/stack.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

describe.skipIf(skipReason)('usage and the activity log on the status page', () => {
  const env = usePanelWithBrowser({ options: { daily_budget_usd: 2 } });

  beforeAll(async () => {
    env.panel.stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } } }], usage: { input_tokens: 120_000, output_tokens: 4_000 } },
      { content: [{ type: 'text', text: 'Done.' }], usage: { input_tokens: 130_000, output_tokens: 1_000 } },
    );
    await chat(env.panel.stack.url, { message: 'Turn on the bedroom lamp' });
  });

  for (const [language, locale] of [
    ['en', 'en-US'],
    ['fr', 'fr-FR'],
  ] as const) {
    it(`shows today's cost, the budget left, the cost per model and a 30-day chart (${language})`, async () => {
      const report = (await (await fetch(`${env.panel.url}api/usage`)).json()) as { today: { cost_usd: number }; budget: { usd: number; spent_usd: number } };
      expect(report.today.cost_usd).toBeGreaterThan(0);
      for (const [screen, viewport] of Object.entries(VIEWPORTS)) {
        for (const scheme of ['light', 'dark'] as const) {
          const watched = await openWatchedPage(env.browser, { viewport, locale, colorScheme: scheme, isMobile: screen === 'phone' });
          const { page } = watched;
          try {
            await page.goto(`${env.panel.url}#/status`);
            const usage = page.getByTestId('usage');
            await usage.waitFor({ timeout: 10_000 });
            const text = await deepText(usage);
            // Formatted by the browser's own ICU, as the panel does (Node's may write "$US" where chromium writes "$").
            const money = (usd: number) =>
              page.evaluate(([value, lang]) => new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD', maximumFractionDigits: value < 1 ? 3 : 2 }).format(value).replace(/\s+/g, ' '), [usd, language] as const);
            expect(text).toContain(await money(report.today.cost_usd));
            expect(text).toContain(await money(report.budget.usd - report.budget.spent_usd));
            expect(text).toContain('claude-sonnet');
            expect(await usage.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(Math.round((report.budget.spent_usd / report.budget.usd) * 100)));
            const chart = usage.locator('svg[data-testid="usage-chart"]');
            expect(await chart.locator('rect.bar').count()).toBe(30);
            expect(await chart.getAttribute('aria-label')).toBeTruthy();
            const box = await chart.boundingBox();
            expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
            // The activity log names Alice, not her HA user id.
            const audit = page.locator('status-view').locator('section[aria-labelledby="audit-title"]');
            await audit.waitFor({ timeout: 10_000 });
            expect(await deepText(audit)).toContain('Alice');
            expect(await deepText(audit)).not.toContain('user-admin');
            await usage.scrollIntoViewIfNeeded();
            await saveScreenshot(page, `usage-${language}-${screen}-${scheme}`);
            expect(watched.errors).toEqual([]);
          } finally {
            await watched.close();
          }
        }
      }
    });
  }
});
