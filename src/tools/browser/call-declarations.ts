/**
 * What browser_open and browser_act declare about a call. For browser_act, the type of the field
 * typing goes into and whether the click or key press submits a form are read from the element as
 * the page's last snapshot recorded it. Unknown facts stay missing, and the default rules then ask.
 */
import { t, type MessageKey } from '../../messages/messages.js';
import type { CallFacts } from '../call-facts.js';
import { clipSummary } from '../summary-words.js';
import type { CallDeclaration } from '../tool.js';
import type { ElementFacts } from '../../browser/element-facts.js';

/** Where the facts of a snapshot ref come from (the BrowserService). */
export interface BrowserRefFacts {
  factsOf(ref: string): ElementFacts | undefined;
}

/** A `browser_act` call, as its schema reads it. */
export interface BrowserActCall {
  ref: string;
  action: string;
  text?: string | undefined;
}

/** Whether pressing `key` on an element with these facts submits a form; undefined when unknown. */
export function keySubmits(key: string, facts: ElementFacts): boolean | undefined {
  // "Enter", "Control+Enter", "NumpadEnter": each can submit a form.
  if (/enter/i.test(key)) return facts.enter_submits;
  // Space activates a focused button like a click does.
  if (key === ' ' || /^space$/i.test(key)) return facts.click_submits;
  return false;
}

/** What the page says about the action's target: the field's type, whether it submits. */
function targetFacts({ ref, action, text }: BrowserActCall, source: BrowserRefFacts): { field_type?: string; submits?: boolean } {
  const facts = source.factsOf(ref.trim());
  if (!facts) return {};
  if (action === 'type') return facts.field_type === undefined ? {} : { field_type: facts.field_type };
  if (action === 'click') return facts.click_submits === undefined ? {} : { submits: facts.click_submits };
  if (action === 'press') {
    const submits = keySubmits(text !== undefined && text !== '' ? text : 'Enter', facts);
    return submits === undefined ? {} : { submits };
  }
  return {};
}

/** `browser_act`'s facts: the action, plus what the browser can tell about its target. */
export function browserActFacts(call: BrowserActCall, source: BrowserRefFacts): CallFacts {
  const base: Record<string, string> = { action: call.action };
  const known = targetFacts(call, source);
  if (known.field_type !== undefined) base['field_type'] = known.field_type.toLowerCase();
  if (known.submits !== undefined) base['submits'] = String(known.submits);
  return { base, groups: [] };
}

/** The sentence of each browser action; never the typed text. */
const ACT_SUMMARIES: Readonly<Record<string, MessageKey>> = {
  click: 'summary.browser_click',
  type: 'summary.browser_type',
  select: 'summary.browser_select',
  press: 'summary.browser_press',
};

/** `browser_act`: never the typed text in the summary (it may be a password); never a rule (the page is not named). */
export function describeBrowserAct(call: BrowserActCall, source: BrowserRefFacts, language?: string): CallDeclaration {
  return {
    facts: browserActFacts(call, source),
    summary: t(language, (Object.hasOwn(ACT_SUMMARIES, call.action) && ACT_SUMMARIES[call.action]) || 'summary.browser_act', { ref: call.ref, action: call.action }),
    annotations: { readOnly: false, openWorld: true },
    rule: { unsavable: t(language, 'always_allow.browser_page') },
  };
}

/** `browser_open`: the address and its host; a rule names the host, not the exact address. */
export function describeBrowserOpen({ url }: { url: string }, language?: string): CallDeclaration {
  const base: Record<string, string> = { url };
  if (URL.canParse(url)) base['host'] = new URL(url).hostname;
  return {
    facts: { base, groups: [] },
    summary: clipSummary(t(language, 'summary.browser_open', { url })),
    annotations: { readOnly: false, openWorld: true },
    rule: { required: 'host', leftOut: ['url'] },
  };
}
