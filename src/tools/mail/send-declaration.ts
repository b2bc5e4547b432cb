/**
 * What a `mail_send` call declares: each recipient (to and cc) as a fact of its own, read exactly as
 * the mailer reads it (anything but plain addresses refuses the call, see recipients.ts), and the
 * whole draft as the approval's text.
 */
import { t } from '../../messages/messages.js';
import type { CallFacts, FactRecord } from '../call-facts.js';
import { clipSummary, joinWords, listOf } from '../summary-words.js';
import type { CallDeclaration } from '../tool.js';
import { readRecipients, recipientProblemText } from '../../mail/recipients.js';
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

/** The recipients as facts, one record each, or the refusal of the first entry that is not a plain address (worded in `language`). */
export function mailSendFacts(draft: MailDraft, language?: string): CallFacts {
  const recipients: FactRecord[] = [];
  for (const field of ['to', 'cc'] as const) {
    const reading = readRecipients(draft[field], field);
    if (!reading.ok) return { base: {}, groups: [], refusal: recipientProblemText(reading.problem, language), refusedBy: 'mail_recipients' };
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
 * subject, body), never cut, so the approver sees exactly what will leave the house. The frame is
 * in `language` (English by default); the draft itself is shown as it will be sent.
 */
export function mailSendSummary(draft: MailDraft, language?: string): string {
  const to = recipients(draft.to, 'to');
  const cc = recipients(draft.cc, 'cc');
  const isReply = draft.reply_to_uid !== undefined;
  const subject = isReply ? replySubject(draft.subject) : draft.subject;
  const head = clipSummary(t(language, 'summary.mail_send', { to: joinWords([...to, ...cc], language), subject }));
  if (draft.body === undefined) return head;
  const uid = draft.reply_to_uid ?? '';
  const replyTo = isReply
    ? [draft.folder !== undefined ? t(language, 'summary.mail_reply_to_in', { uid, folder: draft.folder }) : t(language, 'summary.mail_reply_to', { uid })]
    : [];
  const account = draft.account !== undefined ? [t(language, 'summary.mail_account', { account: draft.account })] : [];
  const lines = [t(language, 'summary.mail_to', { to: to.join(', ') }), ...(cc.length ? [t(language, 'summary.mail_cc', { cc: cc.join(', ') })] : []), t(language, 'summary.mail_subject', { subject })];
  return [head, '', ...lines, ...replyTo, ...account, '', draft.body].join('\n');
}

/** `mail_send`'s declaration: a rule from it names its recipients, or it would allow mail to anyone. */
export function describeMailSend(draft: MailDraft, language?: string): CallDeclaration {
  return {
    facts: mailSendFacts(draft, language),
    summary: mailSendSummary(draft, language),
    annotations: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
    rule: { required: 'to' },
  };
}
