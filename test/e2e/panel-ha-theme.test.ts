/**
 * The panel inside HA takes HA's theme and language, not the computer's: a page shaped like HA's
 * frontend (same origin as the panel, as ingress is) frames it, in dark mode with its own primary
 * colour and in French, while the browser itself is light and English.
 */
import { describe, expect, it } from 'vitest';
import { chromiumMissing, openWatchedPage, saveScreenshot, VIEWPORTS } from './support/browser.js';
import { openInHa } from './support/ha-frame.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { usePanelWithBrowser } from './support/panel-with-browser.js';

const skipReason = chromiumMissing ?? panelUnavailable();

describe.skipIf(skipReason)("the panel takes HA's theme and language", () => {
  const env = usePanelWithBrowser();

  it("is dark with HA's primary colour when HA is dark, on a light computer", async () => {
    const { watched, page } = await openInHa(env.browser, env.panel.url, { dark: true, language: 'en', primary: 'rgb(255, 87, 34)', header: false, width: VIEWPORTS.desktop.width - 20 });
    try {
      const frame = page.frameLocator('#panel');
      const send = frame.getByTestId('composer-send');
      await send.waitFor();
      const colours = () =>
        frame.locator('majordome-app').evaluate((app) => ({
          background: getComputedStyle(app).backgroundColor,
          text: getComputedStyle(app).color,
          primary: getComputedStyle(app).getPropertyValue('--primary-color').trim(),
          scheme: getComputedStyle(document.documentElement).colorScheme,
        }));
      await expect.poll(async () => (await colours()).background).toBe('rgb(17, 17, 17)');
      expect(await colours()).toMatchObject({ text: 'rgb(225, 225, 225)', primary: 'rgb(255, 87, 34)', scheme: 'dark' });
      await saveScreenshot(page, 'ha-theme-dark-desktop');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it("speaks HA's language (French) although the browser is English, and shows one header on a narrow HA", async () => {
    const { watched, page } = await openInHa(env.browser, env.panel.url, { dark: false, language: 'fr', primary: 'rgb(3, 169, 244)', header: true, width: VIEWPORTS.phone.width });
    try {
      const frame = page.frameLocator('#panel');
      await frame.getByTestId('composer-input').waitFor();
      await expect.poll(() => frame.getByTestId('composer-input').getAttribute('placeholder')).toMatch(/Majordome/);
      expect(await frame.getByTestId('composer-input').getAttribute('placeholder')).not.toMatch(/^Message/);
      expect(await deepText(frame.locator('app-toolbar'))).toContain('Validations');
      expect(await frame.locator('html').getAttribute('lang')).toBe('fr');
      // HA's own header already has the menu button and the add-on's name: the panel repeats neither.
      expect(await frame.getByTestId('ha-menu').count()).toBe(0);
      expect(await frame.locator('app-toolbar h1').isVisible()).toBe(false);
      // The conversations button is a list, not a second hamburger under HA's.
      const icons = await frame.locator('app-toolbar').evaluate((bar) => Array.from(bar.shadowRoot?.querySelectorAll('header > button mdi-icon') ?? []).map((i) => (i as HTMLElement & { path: string }).path));
      expect(icons.filter((path) => path.startsWith('M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z'))).toEqual([]);
      await saveScreenshot(page, 'ha-theme-fr-phone');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.close();
    }
  });

  it("offers HA's menu on a narrow HA without its own header, and keeps the browser's language and colours standalone", async () => {
    const { watched, page } = await openInHa(env.browser, env.panel.url, { dark: false, language: 'en', primary: 'rgb(3, 169, 244)', header: false, width: VIEWPORTS.phone.width });
    try {
      const frame = page.frameLocator('#panel');
      await frame.getByTestId('ha-menu').waitFor();
      // One menu-like button only: the conversations button is not a second "menu".
      expect(await frame.locator('app-toolbar').evaluate((bar) => bar.shadowRoot?.querySelectorAll('button.icon-button:not([hidden])').length)).toBeLessThanOrEqual(3);
    } finally {
      await watched.close();
    }
    const alone = await openWatchedPage(env.browser, { colorScheme: 'dark', locale: 'fr-FR' });
    try {
      await alone.page.goto(env.panel.url);
      await alone.page.getByTestId('composer-input').waitFor();
      expect(await alone.page.locator('html').getAttribute('lang')).toBe('fr');
      const background = await alone.page.locator('majordome-app').evaluate((app) => getComputedStyle(app).backgroundColor);
      expect(background).toBe('rgb(17, 17, 17)');
      expect(alone.errors).toEqual([]);
    } finally {
      await alone.close();
    }
  });
});
