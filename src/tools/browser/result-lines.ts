/** The lines people read on the browser tools' cards, in their language; the model's output stays English. */
import { t } from '../../messages/messages.js';
import { clip } from './tool-support.js';

/** "Opened example.org: Example Domain". */
export function openedLine(view: { url: string; title: string }, language?: string): string {
  return t(language, 'browser.opened', { host: new URL(view.url).host, title: clip(view.title || t(language, 'browser.no_title')) });
}

/** "Read Example Domain" (the address when the page has no title). */
export function readLine(view: { url: string; title: string }, language?: string): string {
  return t(language, 'browser.read', { title: clip(view.title || view.url) });
}

/** What one action did (never the typed text: it may be a password). */
export function actLine(action: string, ref: string, text: string | undefined, language?: string): string {
  if (action === 'press') return t(language, 'browser.pressed', { key: clip(text ?? 'Enter', 20), ref });
  if (action === 'type') return t(language, 'browser.typed', { ref });
  if (action === 'select') return t(language, 'browser.selected', { ref });
  return t(language, 'browser.clicked', { ref });
}

/** What an action that failed did not do, with the verb in `language` (never the typed text). */
export function actFailure(action: string, ref: string, text: string | undefined, language?: string): string {
  if (action === 'press') return t(language, 'browser.press_failed', { key: clip(text ?? 'Enter', 20), ref });
  if (action === 'type') return t(language, 'browser.type_failed', { ref });
  if (action === 'select') return t(language, 'browser.select_failed', { ref });
  return t(language, 'browser.click_failed', { ref });
}

/** "Screenshot of example.org (/api/…)": the address in it lets the panel show the image. */
export function screenshotLine(url: string, path: string, language?: string): string {
  return t(language, 'browser.screenshot', { host: URL.canParse(url) ? new URL(url).host : t(language, 'browser.the_page'), path });
}
