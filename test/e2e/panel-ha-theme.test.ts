/**
 * The panel inside HA takes HA's theme and language, not the computer's: a page shaped like HA's
 * frontend (same origin as the panel, as ingress is) frames it, in dark mode with its own primary
 * colour and in French, while the browser itself is light and English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, openWatchedPage, saveScreenshot, VIEWPORTS, type WatchedPage } from './support/browser.js';
import { deepText } from './support/page-helpers.js';
import { panelUnavailable } from './support/panel-build.js';
import { startPanelStack, type PanelStack } from './support/panel-stack.js';

const skipReason = chromiumMissing ?? panelUnavailable();

/** What HA's frontend looks like to a framed panel. */
interface HaLook {
  dark: boolean;
  language: string;
  primary: string;
  /** HA shows its own header (menu button + add-on name) above the frame, as ha-panel-app does on a narrow screen. */
  header: boolean;
  width: number;
}

// HA's dark theme tokens on <html>, as HA's theme code sets them; light ones are HA's defaults.
function themeStyle(look: HaLook): string {
  const base = look.dark
    ? '--primary-background-color:#111111;--card-background-color:#1c1c1c;--primary-text-color:#e1e1e1;--secondary-text-color:#9b9b9b;--divider-color:rgba(225,225,225,.12);--app-header-background-color:#101e24;--app-header-text-color:#e1e1e1'
    : '--primary-background-color:#fafafa;--card-background-color:#ffffff;--primary-text-color:#212121;--secondary-text-color:#727272';
  return `${base};--primary-color:${look.primary};color-scheme:${look.dark ? 'dark' : 'light'}`;
}

function haPage(panelUrl: string, look: HaLook): string {
  return `<!doctype html><html lang="${look.language}" style="${themeStyle(look)}"><head><meta charset="utf-8"><title>Home Assistant</title></head>
<body style="margin:0;background:var(--primary-background-color)">
<home-assistant></home-assistant>
<div id="panel-app" style="display:flex;flex-direction:column;width:${look.width}px;height:780px">
  ${look.header ? '<div class="header" style="height:40px;background:var(--app-header-background-color);color:var(--app-header-text-color)">☰ Majordome</div>' : ''}
  <iframe id="panel" title="Majordome" src="${panelUrl}" style="flex:1;border:0"></iframe>
</div>
<script>
  document.querySelector('home-assistant').hass = { language: '${look.language}', themes: { darkMode: ${look.dark}, theme: 'default' } };
  const frame = () => document.getElementById('panel').contentWindow;
  window.addEventListener('message', (event) => {
    if (event.source !== frame()) return;
    if (event.data.type === 'home-assistant/subscribe-properties') frame().postMessage({ type: 'home-assistant/properties', narrow: ${look.width < 870}, route: { prefix: '', path: '' } }, '*');
  });
</script></body></html>`;
}

/** Opens the HA-like page at the panel's own origin (`/ha-frame`), served by the test like HA serves its frontend. */
async function openInHa(browser: Browser, panel: PanelStack, look: HaLook, hash = ''): Promise<{ watched: WatchedPage; page: Page }> {
  // The computer says light and English; only HA says otherwise.
  const watched = await openWatchedPage(browser, { viewport: { width: look.width + 20, height: 800 }, colorScheme: 'light', locale: 'en-US' });
  const origin = new URL(panel.url).origin;
  await watched.page.route(`${origin}/ha-frame`, (route) => route.fulfill({ contentType: 'text/html', body: haPage(`${panel.url}${hash}`, look) }));
  await watched.page.goto(`${origin}/ha-frame`);
  return { watched, page: watched.page };
}

describe.skipIf(skipReason)("the panel takes HA's theme and language", () => {
  let panel: PanelStack;
  let browser: Browser;

  beforeAll(async () => {
    panel = await startPanelStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await panel?.stop();
  });

  it("is dark with HA's primary colour when HA is dark, on a light computer", async () => {
    const { watched, page } = await openInHa(browser, panel, { dark: true, language: 'en', primary: 'rgb(255, 87, 34)', header: false, width: VIEWPORTS.desktop.width - 20 });
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
    const { watched, page } = await openInHa(browser, panel, { dark: false, language: 'fr', primary: 'rgb(3, 169, 244)', header: true, width: VIEWPORTS.phone.width });
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
    const { watched, page } = await openInHa(browser, panel, { dark: false, language: 'en', primary: 'rgb(3, 169, 244)', header: false, width: VIEWPORTS.phone.width });
    try {
      const frame = page.frameLocator('#panel');
      await frame.getByTestId('ha-menu').waitFor();
      // One menu-like button only: the conversations button is not a second "menu".
      expect(await frame.locator('app-toolbar').evaluate((bar) => bar.shadowRoot?.querySelectorAll('button.icon-button:not([hidden])').length)).toBeLessThanOrEqual(3);
    } finally {
      await watched.close();
    }
    const alone = await openWatchedPage(browser, { colorScheme: 'dark', locale: 'fr-FR' });
    try {
      await alone.page.goto(panel.url);
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
