/**
 * One launched Chromium: its guard proxy, its tabs (one per conversation, the oldest closed past
 * `maxPages`), pop-ups closed, and the session cookies saved on close.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { launchChromium } from './chromium-launch.js';
import type { BrowserCookie } from './cookie-import.js';
import type { ElementFacts } from './element-facts.js';
import { GuardProxy } from './guard-proxy.js';
import type { HostCheck } from './host-check.js';
import { PageSession, type PageSessionDeps } from './page-session.js';
import { restoreSessionCookies, saveSessionCookies } from './session-cookies.js';

/** How to launch. */
export interface RunningBrowserOptions {
  chromiumPath: string;
  profileDir: string;
  check: HostCheck;
  locale?: string | undefined;
  /** Open tabs at most (default 4). */
  maxPages?: number | undefined;
  timeouts?: PageSessionDeps['timeouts'];
  logger: Logger;
  /** Chromium closed without being asked (a crash). */
  onUnexpectedClose(): void;
}

/** A running Chromium; see the file comment. */
export class RunningBrowser {
  readonly #context: BrowserContext;
  readonly #proxy: GuardProxy;
  readonly #options: RunningBrowserOptions;
  readonly #sessions = new Map<string, PageSession>();
  /** Pages Majordome opened itself; any other page (a pop-up, a new window) is closed. */
  readonly #own: WeakSet<Page>;
  /** The page being opened now: its `page` event comes before `newPage()` returns. */
  #opening: Promise<unknown> = Promise.resolve();
  #closing = false;

  /** Starts the guard proxy, then Chromium through it; throws BrowserError when Chromium cannot start. */
  static async launch(options: RunningBrowserOptions): Promise<RunningBrowser> {
    mkdirSync(options.profileDir, { recursive: true, mode: 0o700 });
    const proxy = new GuardProxy(options.check);
    const proxyPort = await proxy.start();
    try {
      const context = await launchChromium({
        executablePath: options.chromiumPath,
        userDataDir: options.profileDir,
        proxyPort,
        logger: options.logger,
        ...(options.locale && { locale: options.locale }),
      });
      await restoreSessionCookies(context, options.profileDir, options.logger);
      options.logger.info({ profile: options.profileDir }, 'browser started');
      return new RunningBrowser(context, proxy, options);
    } catch (err) {
      await proxy.stop();
      throw err;
    }
  }

  private constructor(context: BrowserContext, proxy: GuardProxy, options: RunningBrowserOptions) {
    this.#context = context;
    this.#proxy = proxy;
    this.#options = options;
    this.#own = new WeakSet(context.pages());
    context.on('page', (page) => {
      void this.#opening.then(() => (this.#own.has(page) ? undefined : page.close())).catch(() => undefined);
    });
    context.on('close', () => {
      if (this.#closing) return;
      void proxy.stop();
      options.onUnexpectedClose();
    });
  }

  /** The conversation's tab, opened on first use. */
  async session(conversationId: string): Promise<PageSession> {
    const existing = this.#sessions.get(conversationId);
    if (existing && !existing.page.isClosed()) {
      existing.lastUsed = Date.now();
      return existing;
    }
    await this.#makeRoom();
    // The profile opens with one blank tab: the first conversation takes it.
    let page = this.#sessions.size === 0 ? this.#context.pages().find((p) => p.url() === 'about:blank') : undefined;
    if (!page) {
      const opening = this.#context.newPage();
      this.#opening = opening.catch(() => undefined);
      page = await opening;
      this.#own.add(page);
    }
    const session = new PageSession(page, { check: this.#options.check, refusals: this.#proxy, ...(this.#options.timeouts && { timeouts: this.#options.timeouts }) });
    page.once('close', () => {
      if (this.#sessions.get(conversationId) === session) this.#sessions.delete(conversationId);
    });
    this.#sessions.set(conversationId, session);
    return session;
  }

  /** The facts of `ref` in the last snapshot of every tab; undefined when tabs disagree or none has it. */
  factsOf(ref: string): ElementFacts | undefined {
    const found = [...this.#sessions.values()].filter((s) => s.hasRef(ref)).map((s) => s.factsOf(ref) ?? {});
    const first = found[0];
    return first && found.every((f) => JSON.stringify(f) === JSON.stringify(first)) ? first : undefined;
  }

  addCookies(cookies: readonly BrowserCookie[]): Promise<void> {
    return this.#context.addCookies([...cookies]);
  }

  /** Saves the session cookies, closes Chromium (which writes its cookie store) and the proxy. */
  async close(why: string): Promise<void> {
    this.#closing = true;
    await saveSessionCookies(this.#context, this.#options.profileDir, this.#options.logger);
    await this.#context.close().catch((err: unknown) => this.#options.logger.warn({ err: describeError(err) }, 'browser close failed'));
    await this.#proxy.stop();
    this.#options.logger.info({ why }, 'browser closed');
  }

  async #makeRoom(): Promise<void> {
    const max = this.#options.maxPages ?? 4;
    const byAge = [...this.#sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (byAge.length >= max) {
      const [id, oldest] = byAge.shift() as [string, PageSession];
      this.#sessions.delete(id);
      await oldest.page.close().catch(() => undefined);
    }
  }
}
