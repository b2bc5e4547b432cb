/**
 * What a `mail_send` call declares: each recipient (to and cc) as a fact of its own, read exactly as
 * the mailer reads it (anything but plain addresses refuses the call, see recipients.ts), and the
 * whole draft as the approval's text.
 */
import type { CallFacts, FactRecord } from '../call-facts.js';
import { clipSummary, joinWords, listOf } from '../summary-words.js';
import type { CallDeclaration } from '../tool.js';
import { readRecipients } from '../../mail/recipients.js';
import { replySubject } from '../../mail/reply-subject.js';

/** A mail as the model wrote it (mail_send's input). */
export interface MailDraft {
  to: string | readonly string[];
  cc?: string | readonly string[] | undefined;
  subject: string;
  body?: string | undefined;
  reply_to_uid?: number | undefined;
  folder?: string | undefined;
  account?: string | undefined;
}

/** The recipients as facts, one record each, or the refusal of the first entry that is not a plain address. */
export function mailSendFacts(draft: MailDraft): CallFacts {
  const recipients: FactRecord[] = [];
  for (const field of ['to', 'cc'] as const) {
    const reading = readRecipients(draft[field], field);
    if (!reading.ok) return { base: {}, groups: [], refusal: reading.error, refusedBy: 'mail_recipients' };
    recipients.push(...reading.addresses.map((to) => ({ to: to.toLowerCase() })));
  }
  return { base: {}, groups: [recipients] };
}

/** The addresses the mail goes to, as the policy and the mailer read them (the entries as given if they do not read). */
function recipients(value: string | readonly string[] | undefined, field: 'to' | 'cc'): string[] {
  const reading = readRecipients(value, field);
  return reading.ok ? reading.addresses : listOf(value);
}

/**
 * A mail is approved as a whole: after the one-line head comes the full draft (recipients,
 * subject, body), never cut, so the approver sees exactly what will leave the house.
 */
export function mailSendSummary(draft: MailDraft): string {
  const to = recipients(draft.to, 'to');
  const cc = recipients(draft.cc, 'cc');
  const isReply = draft.reply_to_uid !== undefined;
  const subject = isReply ? replySubject(draft.subject) : draft.subject;
  const head = clipSummary(`Send an e-mail to ${joinWords([...to, ...cc])}: “${subject}”`);
  if (draft.body === undefined) return head;
  const replyTo = isReply ? [`In reply to message ${draft.reply_to_uid}${draft.folder !== undefined ? ` in ${draft.folder}` : ''}`] : [];
  const account = draft.account !== undefined ? [`From account: ${draft.account}`] : [];
  return [head, '', `To: ${to.join(', ')}`, ...(cc.length ? [`Cc: ${cc.join(', ')}`] : []), `Subject: ${subject}`, ...replyTo, ...account, '', draft.body].join('\n');
}

/** `mail_send`'s declaration: a rule from it names its recipients, or it would allow mail to anyone. */
export function describeMailSend(draft: MailDraft): CallDeclaration {
  return {
    facts: mailSendFacts(draft),
    summary: mailSendSummary(draft),
    annotations: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
    rule: { required: 'to' },
  };
}
