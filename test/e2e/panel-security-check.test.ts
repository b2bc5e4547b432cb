import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURITY_CHECKS } from '../../src/security-check/checks.js';
import { startIngressProxy } from '../support/ingress-proxy.js';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS, type WatchedPage } from './support/browser.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();
if (skipReason) console.warn(`panel security check e2e skipped: ${skipReason}`);

describe.skipIf(skipReason)('the security check card on the status page', () => {
  const env = usePanelWithBrowser({
    options: {
      shell_enabled: true,
      shell_roots: [mkdtempSync(join(tmpdir(), 'majordome-shell-'))],
      rules: [{ effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=unlock' }],
      log_level: 'debug',
    },
  });

  async function statusPage(url: string, locale = 'en-US', viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<WatchedPage> {
    const watched = await openWatchedPage(env.browser, { locale, viewport });
    await watched.page.goto(new URL('#/status', url).href);
    await watched.page.getByTestId('status-page').filter({ hasText: 'ha_call_service' }).waitFor();
    return watched;
  }

  async function closeClean(watched: WatchedPage): Promise<void> {
    await watched.close();
    expect(watched.errors).toEqual([]);
  }

  it('shows an administrator the failures first, then the warnings, with the passes folded away', async () => {
    const watched = await statusPage(env.panel.url);
    const { page } = watched;
    const card = page.getByTestId('security-card');
    await card.waitFor();
    const rows = card.getByTestId('security-check');
    const statuses = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    const firstPass = statuses.indexOf('pass');
    expect(statuses.slice(0, firstPass).every((s) => s !== 'pass')).toBe(true);
    expect(statuses.slice(firstPass).every((s) => s === 'pass')).toBe(true);
    expect(statuses.lastIndexOf('fail')).toBeLessThan(statuses.indexOf('warn'));
    const first = rows.first();
    expect(await first.getAttribute('data-check')).toBe('risky_rules');
    expect(await deepText(first)).toContain('option rules[0]');
    // The status word is for screen readers (the icon says it on screen): in the row's text, taking no room.
    const statusWord = first.locator('.check-title > span').first();
    expect(await statusWord.textContent()).toBe('Failed: ');
    expect((await statusWord.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    const checks = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-check')));
    expect(checks).toEqual(expect.arrayContaining(['shell_sandbox', 'log_level', 'approval_phone']));
    expect(checks.length).toBe(SECURITY_CHECKS.length);

    // The passes are folded: hidden until the summary is opened.
    const passed = card.getByTestId('security-passed');
    const aPass = passed.getByTestId('security-check').first();
    expect(await aPass.isVisible()).toBe(false);
    await saveScreenshot(page, 'panel-desktop-security-check');
    await passed.locator('summary').click();
    expect(await aPass.isVisible()).toBe(true);
    await closeClean(watched);
  });

  it('speaks French to a French browser', async () => {
    const watched = await statusPage(env.panel.url, 'fr-FR', VIEWPORTS.phone);
    const card = watched.page.getByTestId('security-card');
    await card.waitFor();
    const text = await deepText(card);
    expect(text).toContain('Vérification de sécurité');
    expect(text).toContain('Règles pour serrures, alarmes et portails');
    const overflow = await watched.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(watched.page, 'panel-phone-security-check-fr');
    await closeClean(watched);
  });

  it('is not shown to someone who is not an administrator', async () => {
    const proxy = await startIngressProxy({ target: env.panel.stack.url, user: { id: 'user-bob', name: 'bob', displayName: 'Bob' }, token: 'e2e-ingress-bob' });
    try {
      const watched = await statusPage(proxy.url);
      expect(await watched.page.getByTestId('security-card').count()).toBe(0);
      await closeClean(watched);
    } finally {
      await proxy.stop();
    }
  });
});
