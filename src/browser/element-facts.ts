/**
 * What the policy needs to know about a page element before an action on it: the kind of field
 * typing goes into, and whether a click or the Enter key submits a form. Read in the page, once
 * per snapshot (so the policy can decide synchronously) and again right before the action (so a
 * page cannot swap a plain field for a password field between the decision and the typing).
 */

/** Facts about one element; a missing key means Majordome cannot tell (the policy then asks). */
export interface ElementFacts {
  /** `text`, `password`, `email`, `textarea`, `select`, `contenteditable`, `cc-number`, … */
  field_type?: string;
  /** Whether clicking it submits a form. */
  click_submits?: boolean;
  /** Whether pressing Enter on it submits a form. */
  enter_submits?: boolean;
}

/**
 * Runs inside the page (serialised by Playwright), so it must stay self-contained: no imports and
 * no inner named functions (tsx and vitest would wrap those in a helper the page does not have).
 */
export function readElementFacts(target: Element): ElementFacts {
  const facts: ElementFacts = {};
  const el = (target.closest('button, a[href], input, select, textarea, option, label, summary') ?? target) as HTMLElement;
  const tag = el.tagName.toLowerCase();
  const input = tag === 'input' ? (el as HTMLInputElement) : undefined;
  const inputType = input ? (input.getAttribute('type') ?? 'text').toLowerCase() : '';

  if (input) facts.field_type = inputType || 'text';
  else if (tag === 'textarea') facts.field_type = 'textarea';
  else if (tag === 'select') facts.field_type = 'select';
  else if (target instanceof HTMLElement && target.isContentEditable) facts.field_type = 'contenteditable';
  // Card numbers and one-time codes often sit in plain text fields: the autocomplete hint tells.
  const autocomplete = (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  const sensitive = autocomplete.find((token) => /^(cc-|current-password|new-password|one-time-code)/.test(token));
  if (sensitive && facts.field_type !== undefined && facts.field_type !== 'password') facts.field_type = sensitive;

  const form = (el as HTMLButtonElement).form ?? null;
  if (tag === 'button') facts.click_submits = (el as HTMLButtonElement).type === 'submit' && form !== null;
  else if (input) facts.click_submits = (inputType === 'submit' || inputType === 'image') && form !== null;
  else if (tag === 'a') facts.click_submits = /^\s*javascript:/i.test(el.getAttribute('href') ?? '') ? undefined : false;
  else if (tag === 'select' || tag === 'option' || tag === 'summary' || tag === 'textarea') facts.click_submits = false;
  else if (tag === 'label') facts.click_submits = ((el as HTMLLabelElement).control as HTMLInputElement | null)?.type === 'submit' ? undefined : false;

  if (facts.click_submits === undefined) delete facts.click_submits;
  if (tag === 'textarea' || tag === 'select' || tag === 'a') facts.enter_submits = false;
  else if (tag === 'button' || inputType === 'submit' || inputType === 'image') facts.enter_submits = facts.click_submits;
  else if (input) facts.enter_submits = form !== null && !['checkbox', 'radio', 'button', 'reset', 'file', 'hidden'].includes(inputType);
  if (facts.enter_submits === undefined) delete facts.enter_submits;
  return facts;
}

/** Whether two readings agree (the action goes ahead only if the element still matches the snapshot). */
export function sameFacts(a: ElementFacts | undefined, b: ElementFacts | undefined): boolean {
  return a?.field_type === b?.field_type && a?.click_submits === b?.click_submits && a?.enter_submits === b?.enter_submits;
}
