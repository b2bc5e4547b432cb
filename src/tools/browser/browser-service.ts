/**
 * The browser as a service: Chromium is launched on first use, one page per conversation, and
 * closed after `idleMs` without use (its cookies stay in the profile). `stop()` closes it all.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { BrowserError } from './browser-error.js';
import { launchChromium } from './chromium-launch.js';
import { cookieSites, parseCookieExport, type BrowserCookie } from './cookie-import.js';
import type { ElementFacts } from './element-facts.js';
import { GuardProxy } from './guard-proxy.js';
import { createHostCheck, type HostCheck } from './host-check.js';
import { checkNavigation, PageSession, type PageSessionDeps } from './page-session.js';
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
  /** Tests: a resolver instead of DNS. */
  check?: HostCheck;
  timeouts?: PageSessionDeps['timeouts'];
}

interface Running {
  context: BrowserContext;
  proxy: GuardProxy;
  sessions: Map<string, PageSession>;
  /** Pages Majordome opened itself; any other page (a pop-up, a new window) is closed. */
  own: WeakSet<Page>;
  /** The page being opened now, if any: its `page` event comes before `newPage()` returns. */
  opening: Promise<unknown>;
}

// Chromium forgets session cookies (no expiry) when it closes; an idle close must not log people out.
const SESSION_COOKIES_FILE = 'majordome-session-cookies.json';

/** Chromium on demand; see the file comment. */
export class BrowserService {
  readonly screenshots: ScreenshotStore;
  readonly #deps: BrowserServiceDeps;
  readonly #check: HostCheck;
  #running: Promise<Running> | undefined;
  /** The running browser once launched (the policy's synchronous fact lookup reads it). */
  #current: Running | undefined;
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
  async withPage<T>(conversationId: string, fn: (session: PageSession) => Promise<T>): Promise<T> {
    return this.#use(async (running) => fn(await this.#session(running, conversationId)));
  }

  /** Throws BrowserError when the browser may not open `url` (checked without starting Chromium). */
  async checkUrl(url: string): Promise<void> {
    await checkNavigation(url, this.#check);
  }

  /** Adds cookies to the profile (they persist like the browser's own). */
  async importCookies(cookies: readonly BrowserCookie[]): Promise<void> {
    await this.#use((running) => running.context.addCookies([...cookies]));
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

  /** The facts of `ref` in the last snapshot of every open page; undefined when pages disagree or none has it. */
  factsOf(ref: string): ElementFacts | undefined {
    const sessions = this.#current?.sessions;
    if (!sessions) return undefined;
    const found = [...sessions.values()].filter((s) => s.hasRef(ref)).map((s) => s.factsOf(ref) ?? {});
    const first = found[0];
    // The policy does not know the conversation: refs that mean different things on two pages stay unknown (it asks).
    return first && found.every((f) => JSON.stringify(f) === JSON.stringify(first)) ? first : undefined;
  }

  /** Closes Chromium and the proxy; later calls launch again unless stopped. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#close('stop');
  }

  async #use<T>(fn: (running: Running) => Promise<T>): Promise<T> {
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

  #ensure(): Promise<Running> {
    if (this.#stopped) return Promise.reject(new BrowserError('unavailable', 'The browser is shutting down.'));
    this.#running ??= this.#closing.then(() => this.#launch()).catch((err: unknown) => {
      this.#running = undefined;
      throw err;
    });
    return this.#running;
  }

  async #launch(): Promise<Running> {
    mkdirSync(this.#deps.profileDir, { recursive: true, mode: 0o700 });
    const proxy = new GuardProxy(this.#check);
    const proxyPort = await proxy.start();
    let context: BrowserContext;
    try {
      context = await launchChromium({
        executablePath: this.#deps.chromiumPath,
        userDataDir: this.#deps.profileDir,
        proxyPort,
        ...(this.#deps.locale && { locale: this.#deps.locale }),
      });
    } catch (err) {
      await proxy.stop();
      throw err;
    }
    const running: Running = { context, proxy, sessions: new Map(), own: new WeakSet(context.pages()), opening: Promise.resolve() };
    this.#current = running;
    // Pop-ups and new windows are closed: one page per conversation keeps memory bounded.
    context.on('page', (page) => {
      void running.opening.then(() => (running.own.has(page) ? undefined : page.close())).catch(() => undefined);
    });
    // Chromium went away by itself (a crash): the next call starts a new one.
    context.on('close', () => {
      if (this.#current !== running) return;
      this.#forget();
      void proxy.stop();
    });
    await this.#restoreSessionCookies(context);
    this.#deps.logger.info({ profile: this.#deps.profileDir }, 'browser started');
    return running;
  }

  async #session(running: Running, conversationId: string): Promise<PageSession> {
    const existing = running.sessions.get(conversationId);
    if (existing && !existing.page.isClosed()) {
      existing.lastUsed = Date.now();
      return existing;
    }
    await this.#makeRoom(running);
    // The profile opens with one blank tab: the first conversation takes it.
    const spare = running.sessions.size === 0 ? running.context.pages().find((p) => p.url() === 'about:blank') : undefined;
    let page = spare;
    if (!page) {
      const opening = running.context.newPage();
      running.opening = opening.catch(() => undefined);
      page = await opening;
      running.own.add(page);
    }
    const session = new PageSession(page, { check: this.#check, refusals: running.proxy, ...(this.#deps.timeouts && { timeouts: this.#deps.timeouts }) });
    page.once('close', () => {
      if (running.sessions.get(conversationId) === session) running.sessions.delete(conversationId);
    });
    running.sessions.set(conversationId, session);
    return session;
  }

  async #makeRoom(running: Running): Promise<void> {
    const max = this.#deps.maxPages ?? 4;
    const byAge = [...running.sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (byAge.length >= max) {
      const [id, oldest] = byAge.shift() as [string, PageSession];
      running.sessions.delete(id);
      await oldest.page.close().catch(() => undefined);
    }
  }

  #close(why: 'idle' | 'stop'): Promise<void> {
    clearTimeout(this.#idleTimer);
    const pending = this.#running;
    if (!pending) return this.#closing;
    this.#forget();
    this.#closing = this.#closeRunning(pending, why).catch(() => undefined);
    return this.#closing;
  }

  async #closeRunning(pending: Promise<Running>, why: 'idle' | 'stop'): Promise<void> {
    const running = await pending.catch(() => undefined);
    if (!running) return;
    await this.#saveSessionCookies(running.context);
    await running.context.close().catch((err: unknown) => this.#deps.logger.warn({ err: describeError(err) }, 'browser close failed'));
    await running.proxy.stop();
    this.#deps.logger.info({ why }, 'browser closed');
  }

  #forget(): void {
    this.#running = undefined;
    this.#current = undefined;
  }

  async #saveSessionCookies(context: BrowserContext): Promise<void> {
    try {
      const session = (await context.cookies()).filter((c) => c.expires === -1);
      const file = join(this.#deps.profileDir, SESSION_COOKIES_FILE);
      writeFileSync(file, JSON.stringify(session), { mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (err) {
      this.#deps.logger.warn({ err: describeError(err) }, 'could not keep the session cookies');
    }
  }

  async #restoreSessionCookies(context: BrowserContext): Promise<void> {
    const file = join(this.#deps.profileDir, SESSION_COOKIES_FILE);
    if (!existsSync(file)) return;
    try {
      const cookies = JSON.parse(readFileSync(file, 'utf8')) as BrowserCookie[];
      if (Array.isArray(cookies) && cookies.length > 0) await context.addCookies(cookies);
    } catch (err) {
      this.#deps.logger.warn({ err: describeError(err) }, 'could not restore the session cookies');
    }
  }
}
