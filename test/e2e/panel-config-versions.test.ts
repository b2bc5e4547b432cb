/**
 * Issue 21's "the panel shows the versions", in chromium: through the chat, an automation is
 * created (the approval shows its YAML, line by line) and edited (the approval shows the old and
 * new lines); the status page then lists its kept versions (how, who, when), and "Restore" on the
 * version as it was created asks like any change: once approved, HA's editor holds it again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeReply } from '../fake-llm/index.js';
import { until } from '../support/until.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS, type WatchedPage } from './support/browser.js';
import { sendFromComposer } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

const porch = {
  alias: 'Porch light at sunset',
  description: 'Weekdays only',
  triggers: [{ trigger: 'sun', event: 'sunset' }],
  actions: [{ action: 'light.turn_on', target: { entity_id: 'light.garage' } }],
  mode: 'single',
};
const later = { ...porch, triggers: [{ trigger: 'sun', event: 'sunset', offset: '00:30:00' }] };

const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });
const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

/** The "What will happen" text of the pending approval, as the browser lays it out (line breaks kept or not). */
async function pendingSummary(page: Page): Promise<string> {
  const card = page.locator('[data-testid="approval-card"]').filter({ has: page.getByTestId('approval-approve') }).first();
  await card.getByTestId('approval-approve').waitFor();
  return card.locator('dd').first().innerText();
}

describe.skipIf(skipReason)('the kept versions of an automation, in chromium', () => {
  const env = usePanelWithBrowser();
  let watched: WatchedPage;
  let id = '';

  beforeAll(async () => {
    watched = await openWatchedPage(env.browser, { viewport: VIEWPORTS.desktop });
  });
  afterAll(async () => {
    await watched?.close();
  });

  it('creates an automation after a yes on its YAML, shown line by line', async () => {
    const { page } = watched;
    env.panel.stack.llm.enqueue(use('ha_save_automation', { config: porch }), say('Saved: the porch light turns on at sunset.'));
    await page.goto(env.panel.url);
    await sendFromComposer(page, 'make an automation that turns the porch light on at sunset on weekdays');
    const summary = await pendingSummary(page);
    expect(summary).toContain('Create the automation "Porch light at sunset":\nalias: Porch light at sunset\ndescription: Weekdays only\ntriggers:\n');
    expect(summary).toContain('\nactions:\n');
    await saveScreenshot(page, 'versions-create-approval-desktop');
    await page.getByTestId('approval-approve').first().click();
    await page.getByTestId('message-assistant').filter({ hasText: 'Saved: the porch light' }).waitFor();
    const listed = (await (await fetch(`${env.panel.url}api/config-versions`)).json()) as { items: Array<{ itemId: string }> };
    id = listed.items[0]?.itemId ?? '';
    expect(env.panel.stack.sim.savedConfig('automation', id)).toEqual({ id, ...porch });
  });

  it('edits it after a yes on the old and new lines', async () => {
    const { page } = watched;
    env.panel.stack.llm.enqueue(use('ha_save_automation', { id, config: later }), say('Done: half an hour after sunset.'));
    await sendFromComposer(page, 'make it half an hour later');
    const summary = await pendingSummary(page);
    expect(summary).toContain(`Change the automation "Porch light at sunset" (id ${id}):\n--- before\n+++ after\n`);
    expect(summary).toContain('\n     event: sunset\n+    offset: 00:30:00\n');
    await saveScreenshot(page, 'versions-edit-approval-desktop');
    await page.getByTestId('approval-approve').first().click();
    await page.getByTestId('message-assistant').filter({ hasText: 'half an hour after sunset' }).waitFor();
    expect(env.panel.stack.sim.savedConfig('automation', id)).toEqual({ id, ...later });
  });

  it('lists the kept versions on the status page (how, who, when), on a desktop and a phone, light and dark', async () => {
    for (const [screen, viewport, scheme] of [['desktop', VIEWPORTS.desktop, 'light'], ['phone', VIEWPORTS.phone, 'light'], ['phone', VIEWPORTS.phone, 'dark'], ['desktop', VIEWPORTS.desktop, 'dark']] as const) {
      const view = await openWatchedPage(env.browser, { viewport, colorScheme: scheme, isMobile: screen === 'phone' });
      try {
        await view.page.goto(`${env.panel.url}#/status`);
        const card = view.page.getByTestId('config-versions');
        await card.filter({ hasText: 'Porch light at sunset' }).waitFor();
        const versions = await card.getByTestId('config-version').allInnerTexts();
        expect(versions).toHaveLength(2);
        // Newest first: what it was before the edit (restorable), then before it was created.
        expect(versions[0]).toMatch(/Version 2 · before an edit[\s\S]*by Alice[\s\S]*(seconds? ago|now|minute ago)[\s\S]*Restore/);
        expect(versions[1]).toMatch(/Version 1 · before it was created[\s\S]*by Alice/);
        expect(versions[1]).not.toContain('Restore');
        await card.scrollIntoViewIfNeeded();
        await saveScreenshot(view.page, `versions-status-${screen}-${scheme}`);
        expect(view.errors).toEqual([]);
      } finally {
        await view.close();
      }
    }
  });

  it('restores the version as it was created after a yes on the difference; HA holds it again', async () => {
    const { page } = watched;
    await page.goto(`${env.panel.url}#/status`);
    const created = page.getByTestId('config-version').filter({ hasText: 'Version 2' });
    await created.getByRole('button', { name: 'Restore' }).click();
    await created.getByRole('status').waitFor();
    // A restore is a change like any other: nothing moves before the yes.
    expect(env.panel.stack.sim.savedConfig('automation', id)).toEqual({ id, ...later });
    await page.goto(`${env.panel.url}#/approvals`);
    const summary = await pendingSummary(page);
    expect(summary).toMatch(new RegExp(`^Restore the automation "Porch light at sunset" \\(id ${id}\\) to version 2, as it was before the change of .*:\\n--- before\\n\\+\\+\\+ after\\n`));
    expect(summary).toContain('\n-    offset: 00:30:00\n');
    await saveScreenshot(page, 'versions-restore-approval-desktop');
    await page.getByTestId('approval-approve').first().click();
    await until(() => JSON.stringify(env.panel.stack.sim.savedConfig('automation', id)) === JSON.stringify({ id, ...porch }), 'the first version back in HA');
    expect(watched.errors).toEqual([]);
  });
});
