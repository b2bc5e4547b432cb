/**
 * Starting Debian's Chromium through playwright-core, as a persistent profile (cookies and logins
 * survive restarts), headless, forced through the guard proxy, with downloads and service
 * workers off.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { BrowserError } from './browser-error.js';

/** Where and how to launch. */
export interface LaunchSettings {
  executablePath: string;
  userDataDir: string;
  /** The guard proxy's port on 127.0.0.1. */
  proxyPort: number;
  /** BCP 47 locale pages are asked in (`en`, `fr-FR`). */
  locale?: string;
  launchTimeoutMs?: number;
}

// Quiet, offline apart from the pages themselves: no GPU, no Google services, no QUIC (which
// would bypass the HTTP proxy), a bounded JavaScript heap per page.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--password-store=basic',
  '--js-flags=--max-old-space-size=256',
];

/** Chromium's own sandbox cannot run as root; it stays on for any other user. */
export function sandboxAvailable(uid: number | undefined = process.getuid?.()): boolean {
  return uid !== 0;
}

/** Launches Chromium; throws BrowserError('unavailable') with what to do when it cannot. */
export async function launchChromium(settings: LaunchSettings): Promise<BrowserContext> {
  if (!existsSync(settings.executablePath)) {
    throw new BrowserError(
      'unavailable',
      `The browser is not available: Chromium was not found at ${settings.executablePath}. Install Debian's chromium package (the add-on image has it) or set MAJORDOME_CHROMIUM.`,
    );
  }
  try {
    return await chromium.launchPersistentContext(settings.userDataDir, {
      executablePath: settings.executablePath,
      headless: true,
      chromiumSandbox: sandboxAvailable(),
      args: CHROMIUM_ARGS,
      // Loopback goes through the proxy too (Playwright adds `<-loopback>` to the bypass list).
      proxy: { server: `http://127.0.0.1:${settings.proxyPort}` },
      acceptDownloads: false,
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 800 },
      ...(settings.locale && { locale: settings.locale }),
      // Majordome closes the browser itself on SIGTERM, after saving the session's cookies.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: settings.launchTimeoutMs ?? 30_000,
    });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    throw new BrowserError('unavailable', `The browser could not start: ${first}`, { cause: err });
  }
}
