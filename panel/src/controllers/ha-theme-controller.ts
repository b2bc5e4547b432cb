import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applyHaLook, haDocument, readHaLook, type HaLook } from '../common/ha-theme.js';

/**
 * Keeps the panel in HA's theme and language while HA frames it (same origin, under ingress):
 * copies HA's theme onto the panel's `<html>` now and whenever HA changes it (HA rewrites its
 * `<html>` style and `lang` when the theme, dark mode or language changes). Standalone, or framed
 * by another origin, it does nothing and the panel follows the browser.
 */
export class HaThemeController implements ReactiveController {
  /** HA's look, while HA frames the panel. */
  look: HaLook | undefined;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly win: Window = window,
  ) {
    host.addController(this);
    // Read before the first render, so the panel starts in HA's language instead of switching.
    const doc = haDocument(win);
    if (doc) this.follow(doc);
  }

  /** HA's language tag, when HA frames the panel and says it. */
  get language(): string | undefined {
    return this.look?.language;
  }

  hostConnected(): void {
    const doc = haDocument(this.win);
    if (!doc || this.observer) return;
    this.follow(doc);
    this.observer = new MutationObserver(() => this.follow(doc));
    this.observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class', 'lang', 'dark'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private follow(doc: Document): void {
    const look = readHaLook(doc);
    applyHaLook(this.win.document.documentElement, look, this.look);
    const languageChanged = look.language !== this.look?.language;
    this.look = look;
    if (languageChanged) this.host.requestUpdate();
  }
}
