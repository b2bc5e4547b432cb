/**
 * Facts about the calls of the mail and browser tools, read from their input alone (shell_run's
 * are in shell-facts.ts).
 * Facts only the running tool knows (the type of a page field, whether a click submits a form)
 * come from an optional `browserFacts` hook that the browser capability provides.
 */
import { readRecipients } from '../tools/mail/recipients.js';
import type { CallFacts, FactRecord } from './call-facts.js';

/** Facts a tool can add about one of its calls. */
export type ToolFacts = Omit<CallFacts, 'base'> & { base: Record<string, string> };

/** What the browser knows about a `browser_act` target (`field_type`, `submits`). */
export type BrowserFactsHook = (input: { ref?: unknown; action?: unknown; text?: unknown }) => { field_type?: string; submits?: boolean };

/**
 * `mail_send`: each recipient (to and cc) is judged on its own, read exactly as the mailer reads
 * it; anything but plain addresses is refused (see tools/mail/recipients.ts).
 */
export function mailSendFacts(input: unknown): ToolFacts {
  const mail = (input ?? {}) as { to?: unknown; cc?: unknown };
  const recipients: FactRecord[] = [];
  for (const field of ['to', 'cc'] as const) {
    const reading = readRecipients(mail[field], field);
    if (!reading.ok) return { base: {}, groups: [], refusal: reading.error, refusedBy: 'mail_recipients' };
    recipients.push(...reading.addresses.map((to) => ({ to: to.toLowerCase() })));
  }
  return { base: {}, groups: [recipients] };
}

/** `browser_open`: the URL and its host. */
export function browserOpenFacts(input: unknown): ToolFacts {
  const url = (input as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string') return { base: {}, groups: [] };
  const base: Record<string, string> = { url };
  if (URL.canParse(url)) base['host'] = new URL(url).hostname;
  return { base, groups: [] };
}

/** `browser_act`: the action, plus what the browser can tell about its target. */
export function browserActFacts(input: unknown, hook?: BrowserFactsHook): ToolFacts {
  const act = (input ?? {}) as { ref?: unknown; action?: unknown; text?: unknown };
  const base: Record<string, string> = {};
  if (typeof act.action === 'string') base['action'] = act.action;
  const known = hook?.(act) ?? {};
  if (known.field_type !== undefined) base['field_type'] = known.field_type.toLowerCase();
  if (known.submits !== undefined) base['submits'] = String(known.submits);
  return { base, groups: [] };
}
