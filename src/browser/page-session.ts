/**
 * One conversation's tab: open a URL, read the page as a snapshot with refs, act on a ref, take a
 * screenshot. The facts of the last snapshot's elements are kept for the policy (call-declarations.ts).
 */
import type { Locator, Page, Response } from 'playwright-core';
import { checkUrlShape } from './address-guard.js';
import { BrowserError } from './browser-error.js';
import { readElementFacts, sameFacts, type ElementFacts } from './element-facts.js';
import { REFUSED_HEADER, type Refusal } from './guard-proxy.js';
import type { HostCheck } from './host-check.js';
import { compactSnapshot, isRef, refsOf, type CompactSnapshot } from './snapshot.js';

/** What a browser tool hands back about the page. */
export interface PageView {
  url: string;
  title: string;
  snapshot: CompactSnapshot;
  /** Requests the guard refused while this happened (a blocked redirect, a private sub-resource). */
  refused: string[];
}

/** An action on one element. */
export interface ActRequest {
  ref: string;
  action: 'click' | 'type' | 'select' | 'press';
  text?: string | undefined;
}

/** What a session needs from the browser around it. */
export interface PageSessionDeps {
  check: HostCheck;
  /** The guard proxy's refusal log. */
  refusals: { readonly mark: number; refusalsSince(mark: number): Refusal[] };
  timeouts?: { navigationMs?: number; actionMs?: number; settleMs?: number };
}

/** Elements past this count get no facts: acting on them asks (the policy cannot tell). */
const MAX_FACT_REFS = 400;

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function netError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /net::[A-Z_]+/.exec(message)?.[0] ?? message.split('\n')[0] ?? message;
}

/** The URL if the browser may open it; throws BrowserError ('refused' or 'unreachable') otherwise. */
export async function checkNavigation(raw: string, check: HostCheck): Promise<URL> {
  const shape = checkUrlShape(raw);
  if (!shape.ok) throw new BrowserError('refused', `Refused: ${shape.reason}.`);
  const url = shape.url;
  const verdict = await check(url.hostname, Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
  if (!verdict.ok) throw new BrowserError(verdict.refused ? 'refused' : 'unreachable', `${verdict.refused ? 'Refused' : 'Could not open the page'}: ${verdict.reason}.`);
  return url;
}

/** One conversation's page. */
export class PageSession {
  readonly page: Page;
  readonly #deps: PageSessionDeps;
  #facts = new Map<string, ElementFacts>();
  lastUsed = Date.now();

  constructor(page: Page, deps: PageSessionDeps) {
    this.page = page;
    this.#deps = deps;
  }

  /** The facts of `ref` in the last snapshot (undefined when it was not in it or Majordome cannot tell). */
  factsOf(ref: string): ElementFacts | undefined {
    return this.#facts.get(ref);
  }

  hasRef(ref: string): boolean {
    return this.#facts.has(ref);
  }

  /** Navigates; refuses non-http(s) URLs and hosts inside the home before Chromium sees them. */
  async open(raw: string): Promise<PageView> {
    const url = await checkNavigation(raw, this.#deps.check);
    const mark = this.#deps.refusals.mark;
    let response: Response | null;
    try {
      response = await this.page.goto(url.href, { waitUntil: 'domcontentloaded', timeout: this.#deps.timeouts?.navigationMs ?? 20_000 });
    } catch (err) {
      const refused = this.#deps.refusals.refusalsSince(mark);
      if (refused.length > 0) throw new BrowserError('refused', `Refused: the page led to ${refused.map((r) => r.reason).join('; ')}.`);
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new BrowserError(timedOut ? 'timeout' : 'unreachable', `Could not open ${hostOf(url.href)}: ${timedOut ? 'it took too long to load' : netError(err)}.`, { cause: err });
    }
    if ((await response?.headerValue(REFUSED_HEADER)) === '1') {
      const refused = this.#deps.refusals.refusalsSince(mark);
      await this.page.goto('about:blank').catch(() => undefined);
      throw new BrowserError('refused', `Refused: the page led to ${refused.map((r) => r.reason).join('; ') || 'an address the browser may not open'}.`);
    }
    await this.#settle();
    return this.snapshot(mark);
  }

  /** The page as text with refs; remembers the facts of its interactive elements. */
  async snapshot(mark = this.#deps.refusals.mark): Promise<PageView> {
    const raw = await this.page.ariaSnapshot({ mode: 'ai', timeout: this.#deps.timeouts?.actionMs ?? 10_000 });
    const snapshot = compactSnapshot(raw);
    const targets = refsOf(snapshot.text)
      .filter((r) => r.interactive)
      .slice(0, MAX_FACT_REFS);
    const facts = new Map<string, ElementFacts>();
    // Every ref in the text can be acted on; only interactive ones get facts (the rest ask).
    for (const { ref } of refsOf(snapshot.text)) facts.set(ref, {});
    await Promise.all(
      targets.map(async ({ ref }) => {
        const read = await this.#locate(ref)
          .evaluate(readElementFacts, undefined, { timeout: 2000 })
          .catch(() => undefined);
        if (read) facts.set(ref, read);
      }),
    );
    this.#facts = facts;
    return { url: this.page.url(), title: await this.page.title().catch(() => ''), snapshot, refused: this.#refusedSince(mark) };
  }

  /** Acts on a ref of the last snapshot, then returns the new snapshot. */
  async act(request: ActRequest): Promise<PageView> {
    const { ref, action } = request;
    if (!isRef(ref)) throw new BrowserError('bad_input', `"${ref}" is not a ref; use one from the snapshot, such as e12.`);
    if (!this.#facts.has(ref)) throw new BrowserError('stale_ref', `${ref} is not in the latest snapshot of this page; call browser_snapshot and use a ref from it.`);
    const target = this.#locate(ref);
    // The policy decided on the snapshot's facts: act only if the element still matches them.
    const live = await target.evaluate(readElementFacts, undefined, { timeout: 2000 }).catch(() => undefined);
    if (!live) throw new BrowserError('stale_ref', `${ref} is no longer on the page; call browser_snapshot and use a ref from it.`);
    const recorded = this.#facts.get(ref);
    if (recorded && Object.keys(recorded).length > 0 && !sameFacts(live, recorded)) {
      throw new BrowserError('stale_ref', `${ref} changed since the last snapshot; call browser_snapshot and try again.`);
    }
    const mark = this.#deps.refusals.mark;
    const timeout = this.#deps.timeouts?.actionMs ?? 10_000;
    try {
      if (action === 'click') await target.click({ timeout });
      else if (action === 'type') await target.fill(request.text ?? '', { timeout });
      else if (action === 'select') await target.selectOption(request.text ?? '', { timeout });
      else await target.press(request.text ?? 'Enter', { timeout });
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      throw new BrowserError('action_failed', `Could not ${action} ${ref}: ${message.replace(/^locator\.\w+:\s*/, '')}`, { cause: err });
    }
    await this.#settle();
    return this.snapshot(mark);
  }

  /** A PNG of what the page shows now (the viewport, not the whole page). */
  screenshot(): Promise<Buffer> {
    return this.page.screenshot({ type: 'png', timeout: this.#deps.timeouts?.actionMs ?? 10_000 });
  }

  /**
   * A JPEG of the viewport for the model to look at, small enough to send (1280 px wide at most,
   * quality 70), with password fields painted over: secret redaction cannot read pixels.
   */
  imageForModel(): Promise<Buffer> {
    return this.page.screenshot({
      type: 'jpeg',
      quality: 70,
      scale: 'css',
      mask: [this.page.locator('input[type="password"]')],
      maskColor: '#000000',
      timeout: this.#deps.timeouts?.actionMs ?? 10_000,
    });
  }

  #locate(ref: string): Locator {
    return this.page.getByRef(ref);
  }

  /** Lets a navigation or a script the action started finish, within a short bound. */
  async #settle(): Promise<void> {
    await this.page.waitForLoadState('load', { timeout: this.#deps.timeouts?.settleMs ?? 5000 }).catch(() => undefined);
  }

  #refusedSince(mark: number): string[] {
    return [...new Set(this.#deps.refusals.refusalsSince(mark).map((r) => r.reason))];
  }
}
