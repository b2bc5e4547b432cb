import { z } from 'zod';
import type { Tool } from '../tool.js';
import { t } from '../../messages/messages.js';
import { screenshotLine } from './result-lines.js';
import { BrowserError } from '../../browser/browser-error.js';
import { runBrowserTool, taintSourceFor, type BrowserToolDeps } from './tool-support.js';

const input = z.object({});

/** Where the panel fetches a screenshot, relative to the ingress root. */
export function screenshotPath(id: string): string {
  return `api/browser/screenshots/${id}`;
}

/** `browser_screenshot`: a PNG of the page saved for the panel to show, and a JPEG for a model that reads images. */
export function createBrowserScreenshotTool({ browser }: BrowserToolDeps): Tool<z.infer<typeof input>> {
  return {
    name: 'browser_screenshot',
    description:
      'Take a screenshot of the page open in this conversation: the user sees it in the panel, and you see it too when you can read images. To read the page text, use browser_snapshot.',
    input,
    effect: 'read',
    untrusted: true,
    execute: (_args, ctx) =>
      runBrowserTool(async () => {
        const { png, jpeg, url } = await browser.withPage(ctx.conversationId, async (page) => {
          if (page.page.url() === 'about:blank') throw new BrowserError('stale_ref', 'No page is open in this conversation; open one with browser_open first.');
          return { png: await page.screenshot(), jpeg: await page.imageForModel(), url: page.page.url() };
        });
        const id = browser.screenshots.save(png, ctx.conversationId);
        const path = screenshotPath(id);
        return {
          ok: true,
          output: { screenshot_id: id, image: path, page: url, note: 'The user can see this screenshot in the panel.' },
          // The chat card shows the summary only: the address in it lets the panel show the image.
          summary: screenshotLine(url, path, ctx.language),
          untrusted: true,
          taintSource: taintSourceFor(url, ctx.language),
          image: { mediaType: 'image/jpeg', data: jpeg },
        };
      }, t(ctx.language, 'browser.screenshot_failed'), ctx.language),
  };
}
