/**
 * A page shaped like HA's frontend around the panel: served at the panel's own origin (as ingress
 * is), with HA's theme tokens and language on its `<html>` and `hass` on `<home-assistant>`, and
 * answering the panel's `subscribe-properties` like ha-panel-app. The panel reads HA's theme and
 * language from it; the browser around it stays light and English.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { openWatchedPage, VIEWPORTS, type WatchedPage } from './browser.js';

/** What HA's frontend looks like to a framed panel. */
export interface HaLook {
  dark: boolean;
  language: string;
  primary: string;
  /** HA shows its own header (menu button + add-on name) above the frame, as ha-panel-app does on a narrow screen. */
  header: boolean;
  width: number;
}

/** HA's default look on a desktop: light, English, HA's blue, no header of its own. */
export const DEFAULT_HA_LOOK: HaLook = { dark: false, language: 'en', primary: 'rgb(3, 169, 244)', header: false, width: VIEWPORTS.desktop.width - 20 };

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

/** The HA-like page with the panel in it. */
export interface HaFramedPanel {
  watched: WatchedPage;
  page: Page;
  /** The panel inside HA's page. */
  frame: FrameLocator;
}

/**
 * Opens the HA-like page at the panel's own origin (`/ha-frame`, answered by the test as HA serves
 * its frontend) in a light, English browser, with `look` over HA's defaults; `hash` is the panel's route.
 */
export async function openInHa(browser: Browser, panelUrl: string, look: Partial<HaLook> = {}, hash = ''): Promise<HaFramedPanel> {
  const ha = { ...DEFAULT_HA_LOOK, ...look };
  // The computer says light and English; only HA says otherwise.
  const watched = await openWatchedPage(browser, { viewport: { width: ha.width + 20, height: 800 }, colorScheme: 'light', locale: 'en-US' });
  const origin = new URL(panelUrl).origin;
  await watched.page.route(`${origin}/ha-frame`, (route) => route.fulfill({ contentType: 'text/html', body: haPage(`${panelUrl}${hash}`, ha) }));
  await watched.page.goto(`${origin}/ha-frame`);
  return { watched, page: watched.page, frame: watched.page.frameLocator('#panel') };
}
