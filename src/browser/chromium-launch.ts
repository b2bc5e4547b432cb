/**
 * Starting Debian's Chromium through playwright-core, as a persistent profile (cookies and logins
 * survive restarts), headless, forced through the guard proxy, with downloads and service
 * workers off, and inside its own sandbox wherever this system lets it build one.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Logger } from '../logger.js';
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
  /** Whether to start Chromium's own sandbox; by default, unless this process runs as root. */
  sandbox?: boolean;
  /** Where a browser running without its sandbox is reported. */
  logger?: Logger;
}

// Quiet, offline apart from the pages themselves: no GPU, no Google services, no QUIC and no
// WebRTC over plain UDP (both would go around the HTTP proxy, and so around its guard: a page's
// STUN request could reach the home network), a bounded JavaScript heap per page. Chromium 156
// knows only --webrtc-ip-handling-policy (the older --force-… switch is gone and does nothing).
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
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

/**
 * What Chromium prints when it cannot build its sandbox: no user namespaces (Docker's default
 * seccomp profile refuses them, as do kernels or AppArmor policies that restrict them) and no
 * setuid helper (Debian's chromium ships none).
 */
const SANDBOX_FAILURE = /No usable sandbox|Failed to move to new namespace|zygote_host_impl_linux/;

/** Chromium's line saying why its sandbox could not start, when that is why a launch failed. */
export function sandboxFailure(err: unknown): string | undefined {
  const cause = err instanceof BrowserError ? err.cause : err;
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.split('\n').find((line) => SANDBOX_FAILURE.test(line))?.trim();
}

/**
 * Launches Chromium; throws BrowserError('unavailable') with what to do when it cannot. Where the
 * sandbox cannot start, Chromium starts without it rather than not at all, and the log says so.
 */
export async function launchChromium(settings: LaunchSettings): Promise<BrowserContext> {
  if (!existsSync(settings.executablePath)) {
    throw new BrowserError(
      'unavailable',
      `The browser is not available: Chromium was not found at ${settings.executablePath}. Install Debian's chromium package (the add-on image has it) or set MAJORDOME_CHROMIUM.`,
    );
  }
  const sandbox = settings.sandbox ?? sandboxAvailable();
  if (!sandbox) {
    if (settings.sandbox === undefined)
      settings.logger?.warn("Majordome runs as root, so Chromium's sandbox is off: a page that exploits a bug in Chromium would run with the server's rights. The add-on runs as its own user; run it as a user other than root elsewhere too");
    return launchOnce(settings, false);
  }
  try {
    return await launchOnce(settings, true);
  } catch (err) {
    const reason = sandboxFailure(err);
    if (reason === undefined) throw err;
    settings.logger?.warn(
      { reason },
      "Chromium's sandbox could not start here (this system refuses the user namespaces it needs, as Docker's default seccomp profile does): the browser runs without it, confined only by the add-on's user, its AppArmor profile and the container",
    );
    return launchOnce(settings, false);
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

async function launchOnce(settings: LaunchSettings, sandbox: boolean): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(settings.userDataDir, {
      executablePath: settings.executablePath,
      headless: true,
      chromiumSandbox: sandbox,
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
    throw new BrowserError('unavailable', `The browser could not start: ${firstLine(err)}`, { cause: err });
  }
}
