/**
 * The browser's part of the policy facts: for `browser_act`, the type of the field typing goes
 * into and whether the click or key press submits a form, read from the element as the page's
 * last snapshot recorded it. Unknown facts stay missing, and the default rules then ask.
 */
import type { ElementFacts } from '../tools/browser/element-facts.js';
import type { BrowserFactsHook } from './tool-facts.js';

/** Where the facts of a snapshot ref come from (the BrowserService). */
export interface BrowserRefFacts {
  factsOf(ref: string): ElementFacts | undefined;
}

/** Whether pressing `key` on an element with these facts submits a form; undefined when unknown. */
export function keySubmits(key: string, facts: ElementFacts): boolean | undefined {
  // "Enter", "Control+Enter", "NumpadEnter": each can submit a form.
  if (/enter/i.test(key)) return facts.enter_submits;
  // Space activates a focused button like a click does.
  if (key === ' ' || /^space$/i.test(key)) return facts.click_submits;
  return false;
}

/** The `browserFacts` hook of the fact resolver, over the browser's snapshots. */
export function createBrowserFactsHook(source: BrowserRefFacts): BrowserFactsHook {
  return ({ ref, action, text }) => {
    const facts = typeof ref === 'string' ? source.factsOf(ref.trim()) : undefined;
    if (!facts) return {};
    if (action === 'type') return facts.field_type === undefined ? {} : { field_type: facts.field_type };
    if (action === 'click') return facts.click_submits === undefined ? {} : { submits: facts.click_submits };
    if (action === 'press') {
      const submits = keySubmits(typeof text === 'string' && text !== '' ? text : 'Enter', facts);
      return submits === undefined ? {} : { submits };
    }
    return {};
  };
}
