import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { packageRoot } from '../../../src/package-info.js';

/** Debian's chromium (Playwright's own builds do not run on the add-on's base); override with MAJORDOME_CHROMIUM. */
export const CHROMIUM_PATH = process.env.MAJORDOME_CHROMIUM ?? '/usr/bin/chromium';

/** Whether the browser tests can run here; the suites skip with this reason otherwise. */
export const chromiumMissing = existsSync(CHROMIUM_PATH) ? undefined : `chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set MAJORDOME_CHROMIUM)`;

// Quiet, offline, container-friendly: no sandbox (tests run as root in CI), no GPU, no Google services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Screen sizes the panel must work at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A page plus everything it complained about. */
export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests, in order. */
  errors: string[];
  /** Every dialog (alert/confirm/prompt) the page opened: a model answer must never open one. */
  dialogs: string[];
  close(): Promise<void>;
}

/** Context options the panel tests vary. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  isMobile?: boolean;
  colorScheme?: 'light' | 'dark';
}

/** A fresh context (own cookies and storage); pages opened in it share them. */
export function newContext(browser: Browser, opts: PageOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: opts.viewport ?? VIEWPORTS.desktop,
    locale: opts.locale ?? 'en-US',
    ...(opts.isMobile !== undefined && { isMobile: opts.isMobile, hasTouch: opts.isMobile }),
    ...(opts.colorScheme && { colorScheme: opts.colorScheme }),
  });
}

/** Opens a page in `context` that records errors and dialogs; close() closes the page only. */
export async function watchNewPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (msg) => {
    // A failed resource's console line does not name it; its location does.
    const where = msg.location().url;
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Requests the page itself abandons (navigation, a closed socket) are not failures.
    const reason = req.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(reason)) errors.push(`request failed: ${req.url()} ${reason}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, errors, dialogs, close: () => page.close() };
}

/** A watched page in a context of its own; close() closes both. */
export async function openWatchedPage(browser: Browser, opts: PageOptions = {}): Promise<WatchedPage> {
  const context = await newContext(browser, opts);
  const watched = await watchNewPage(context);
  return { ...watched, close: () => context.close() };
}

/** Where screenshots and other test artifacts go (gitignored). */
export function artifactsDir(): string {
  const dir = join(packageRoot(), 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves a full-page screenshot as `test-artifacts/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(artifactsDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
