import { z } from 'zod';
import type { Tool } from '../tool.js';
import { actFailure, actLine } from './result-lines.js';
import { describeBrowserAct } from './call-declarations.js';
import { pageResult, runBrowserTool, type BrowserToolDeps } from './tool-support.js';

// Named keys only: single characters pressed one by one would type into a password field unasked.
const NAMED_KEY = /^(?:(?:Shift|Control|Alt|Meta)\+)*(?:Enter|Tab|Escape|Backspace|Delete|Insert|Space|ArrowUp|ArrowDown|ArrowLeft|ArrowRight|PageUp|PageDown|Home|End|F[1-9]|F1[0-2])$/;

const input = z
  .object({
    ref: z.string().trim().regex(/^(?:f\d+)?e\d+$/, 'must be a ref from the snapshot, such as e12').describe('The element, as [ref=…] in the latest snapshot'),
    action: z.enum(['click', 'type', 'select', 'press']).describe('click it; type text into it (replaces its content); select an option by value or label; press a key such as Enter'),
    text: z.string().max(10_000).optional().describe('For type: the text; for select: the option; for press: the key (Enter when left out)'),
  })
  .refine((call) => call.text !== undefined || call.action === 'click' || call.action === 'press', {
    message: 'text is needed to type or select',
    path: ['text'],
  })
  .refine((call) => call.action !== 'press' || call.text === undefined || NAMED_KEY.test(call.text), {
    message: 'press takes a named key such as Enter, Tab, Escape, ArrowDown, PageDown or Space (with Shift+, Control+ or Alt+); use type for text',
    path: ['text'],
  });

/** `browser_act`: click, type, select or press on an element of the latest snapshot; returns the page after. */
export function createBrowserActTool({ browser }: BrowserToolDeps): Tool<z.infer<typeof input>> {
  return {
    name: 'browser_act',
    description:
      'Act on an element of the page open in this conversation, by its ref in the latest snapshot: click, type (replaces the field content), select an option, or press a key. ' +
      'Returns the page afterwards. Typing into password fields and submitting forms ask the user first.',
    input,
    effect: 'external',
    untrusted: true,
    describe: (call, language) => describeBrowserAct(call, browser, language),
    execute: ({ ref, action, text }, ctx) =>
      runBrowserTool(async () => {
        const view = await browser.withPage(ctx.conversationId, (page) => page.act({ ref, action, text }));
        return pageResult(view, actLine(action, ref, text, ctx.language), ctx.language);
      }, actFailure(action, ref, text, ctx.language), ctx.language),
  };
}
