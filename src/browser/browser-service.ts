/**
 * The browser as a service: Chromium is launched on first use, one page per conversation, and
 * closed after `idleMs` without use (its cookies stay in the profile). `stop()` closes it all.
 */
import type { Logger } from '../logger.js';
import { BrowserError } from './browser-error.js';
import { cookieSites, parseCookieExport, type BrowserCookie } from './cookie-import.js';
import type { ElementFacts } from './element-facts.js';
import { createHostCheck, type HostCheck } from './host-check.js';
import { checkNavigation, type PageSession, type PageSessionDeps } from './page-session.js';
import { RunningBrowser } from './running-browser.js';
import { ScreenshotStore } from './screenshots.js';

/** What the browser service is built from. */
export interface BrowserServiceDeps {
  chromiumPath: string;
  /** The persistent profile (`$MAJORDOME_DATA_DIR/browser`). */
  profileDir: string;
  /** Where screenshots are kept. */
  screenshotDir: string;
  /** `browser_allow_private`. */
  allowPrivate: boolean;
  /** Home Assistant's and the Supervisor's host names, refused with the private ranges. */
  homeHosts: readonly string[];
  /** Majordome's own ports, never reachable from the browser. */
  selfPorts?: () => readonly number[];
  /** Closes Chromium after this long without use (`browser_idle_min`). */
  idleMs: number;
  /** Open pages at most; the least recently used conversation's page closes first. */
  maxPages?: number;
  locale?: string;
  logger: Logger;
  /** Tests: a host check of their own (which addresses count as public). */
  check?: HostCheck;
  timeouts?: PageSessionDeps['timeouts'];
}

/** Chromium on demand; see the file comment. */
export class BrowserService {
  readonly screenshots: ScreenshotStore;
  readonly #deps: BrowserServiceDeps;
  readonly #check: HostCheck;
  #running: Promise<RunningBrowser> | undefined;
  /** The running browser once launched (the policy's synchronous fact lookup reads it). */
  #current: RunningBrowser | undefined;
  /** A close under way: the next launch waits for it (two Chromiums cannot share a profile). */
  #closing: Promise<void> = Promise.resolve();
  #busy = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: BrowserServiceDeps) {
    this.#deps = deps;
    this.screenshots = new ScreenshotStore(deps.screenshotDir);
    this.#check = deps.check ?? createHostCheck({ allowPrivate: deps.allowPrivate, homeHosts: deps.homeHosts, ...(deps.selfPorts && { selfPorts: deps.selfPorts }) });
  }

  /** Nothing to do: Chromium starts on first use. Present for the service lifecycle. */
  start(): void {
    this.#stopped = false;
  }

  /** Whether Chromium is running now (it closes when idle). */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Runs `fn` on the conversation's page, launching Chromium if needed; holds off the idle close meanwhile. */
  withPage<T>(conversationId: string, fn: (session: PageSession) => Promise<T>): Promise<T> {
    return this.#use(async (browser) => fn(await browser.session(conversationId)));
  }

  /** Throws BrowserError when the browser may not open `url` (checked without starting Chromium). */
  async checkUrl(url: string): Promise<void> {
    await checkNavigation(url, this.#check);
  }

  /** Adds cookies to the profile (they persist like the browser's own). */
  importCookies(cookies: readonly BrowserCookie[]): Promise<void> {
    return this.#use((browser) => browser.addCookies(cookies));
  }

  /** Adds the cookies of a JSON export (cookie-import.ts); says how many and for which sites, never a value. */
  async importCookieExport(body: unknown): Promise<{ ok: true; imported: number; sites: string[] } | { ok: false; error: string }> {
    const parsed = parseCookieExport(body);
    if (!parsed.ok) return parsed;
    await this.importCookies(parsed.cookies);
    return { ok: true, imported: parsed.cookies.length, sites: cookieSites(parsed.cookies) };
  }

  /** A saved screenshot with its conversation, for the panel's route. */
  readScreenshot(id: string): { conversationId: string; png: Buffer } | undefined {
    return this.screenshots.read(id);
  }

  /**
   * The facts of `ref` in the last snapshot of the open pages, for the policy. The policy does not
   * say which conversation asks, so a ref that means different things on two pages stays unknown
   * (and the default rules then ask).
   */
  factsOf(ref: string): ElementFacts | undefined {
    return this.#current?.factsOf(ref);
  }

  /** Closes Chromium and the proxy; later calls are refused until start(). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#close('stop');
  }

  async #use<T>(fn: (browser: RunningBrowser) => Promise<T>): Promise<T> {
    this.#busy++;
    clearTimeout(this.#idleTimer);
    try {
      return await fn(await this.#ensure());
    } finally {
      this.#busy--;
      this.#scheduleIdle();
    }
  }

  #scheduleIdle(): void {
    clearTimeout(this.#idleTimer);
    if (this.#busy > 0 || !this.#running || this.#stopped) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#busy === 0) void this.#close('idle');
    }, this.#deps.idleMs);
    this.#idleTimer.unref();
  }

  #ensure(): Promise<RunningBrowser> {
    if (this.#stopped) return Promise.reject(new BrowserError('unavailable', 'The browser is shutting down.'));
    this.#running ??= this.#closing.then(() => this.#launch()).catch((err: unknown) => {
      this.#running = undefined;
      throw err;
    });
    return this.#running;
  }

  async #launch(): Promise<RunningBrowser> {
    const browser = await RunningBrowser.launch({
      chromiumPath: this.#deps.chromiumPath,
      profileDir: this.#deps.profileDir,
      check: this.#check,
      locale: this.#deps.locale,
      maxPages: this.#deps.maxPages,
      timeouts: this.#deps.timeouts,
      logger: this.#deps.logger,
      // A crash: forget it, so the next call starts a new Chromium.
      onUnexpectedClose: () => {
        if (this.#current === browser) this.#forget();
      },
    });
    this.#current = browser;
    return browser;
  }

  #close(why: 'idle' | 'stop'): Promise<void> {
    clearTimeout(this.#idleTimer);
    const pending = this.#running;
    if (!pending) return this.#closing;
    this.#forget();
    this.#closing = pending.then((browser) => browser.close(why)).catch(() => undefined);
    return this.#closing;
  }

  #forget(): void {
    this.#running = undefined;
    this.#current = undefined;
  }
}
