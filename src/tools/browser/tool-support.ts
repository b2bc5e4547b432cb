/** Shared by the browser tools: turning a page or a failure into a result, marked untrusted. */
import { describeError, MajordomeError } from '../../errors.js';
import { t } from '../../messages/messages.js';
import type { ToolResult } from '../tool.js';
import type { BrowserService } from '../../browser/browser-service.js';
import { formatPage } from '../../browser/snapshot.js';
import type { PageView } from '../../browser/page-session.js';

/** What the browser tools need. */
export interface BrowserToolDeps {
  browser: BrowserService;
}

/** Shortens third-party text for a one-line summary. */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "the web page example.com": what the conversation read, for the taint approval's reason, in `language` (the reader's). */
export function taintSourceFor(url: string, language?: string): string {
  const host = URL.canParse(url) ? new URL(url).host : '';
  return host ? t(language, 'taint.web_page', { host }) : t(language, 'taint.a_web_page');
}

/** A page as a result: the text the model reads (third-party, so untrusted) and a line for people. */
export function pageResult(view: PageView, summary: string, language?: string): ToolResult {
  const notes = view.refused.map((reason) => `Note: Majordome refused a request of this page: ${reason}.`);
  if (view.snapshot.omittedLines > 0) notes.push(`Note: the snapshot was cut (${view.snapshot.omittedLines} lines left out).`);
  return { ok: true, output: formatPage(view, notes), summary, untrusted: true, taintSource: taintSourceFor(view.url, language) };
}

/** Runs one browser operation; a failure becomes an error result the model can act on. */
export async function runBrowserTool(op: () => Promise<ToolResult>, failure: string, language?: string): Promise<ToolResult> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof MajordomeError && err.code === 'cancelled') throw err;
    const message = describeError(err);
    return { ok: false, output: { error: message }, summary: t(language, 'browser.failed', { failure, error: clip(message, 120) }) };
  }
}
