/** Builds an outgoing message once, so the copy in Sent is byte for byte what was sent. */
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailError } from './mail-error.js';
import type { ReplyContext } from './mailbox.js';
import { readRecipients, recipientProblemText } from './recipients.js';
import { replySubject } from './reply-subject.js';

export { replySubject };

/** Whether nodemailer's parser reads `entry` as exactly these addresses, nothing more. */
function mailerReadsAs(entry: string, addresses: readonly string[]): boolean {
  const parsed = addressparser(entry);
  return (
    parsed.length === addresses.length &&
    parsed.every((item, i) => 'address' in item && !('group' in item) && item.name === '' && item.address === addresses[i])
  );
}

/**
 * The recipients of one field as the sender uses them: the policy's reading, which nodemailer's
 * must match (the message is built with it), or a MailError the model can act on.
 */
export function recipientsOrThrow(value: unknown, field: 'to' | 'cc'): string[] {
  const reading = readRecipients(value, field, mailerReadsAs);
  if (!reading.ok) throw new MailError('refused', reading.error, (language) => recipientProblemText(reading.problem, language));
  return reading.addresses;
}

/** A message as mail_send describes it. */
export interface MailDraft {
  from: string;
  /** Entries as mail_send received them; only plain addresses are accepted (recipients.ts). */
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  /** The message being answered, when this is a reply. */
  replyTo?: ReplyContext;
}

/** A message ready for SMTP and APPEND. */
export interface ComposedMail {
  raw: Buffer;
  messageId: string;
  subject: string;
  /** The addresses in To and Cc, exactly those the policy judged. */
  to: string[];
  cc: string[];
  envelope: { from: string; to: string[] };
}

/** Keeps at most this many ids in References (RFC 5322 suggests trimming long chains from the middle). */
const MAX_REFERENCES = 20;

/** References of a reply: the original's References, then its Message-ID (RFC 5322 §3.6.4). */
export function replyReferences(context: ReplyContext): string[] {
  const chain = [...context.references];
  if (context.messageId && !chain.includes(context.messageId)) chain.push(context.messageId);
  return chain.length > MAX_REFERENCES ? [chain[0] as string, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
}

/** The bare addresses of an address list (`Anna <a@x>, b@y` → `a@x`, `b@y`), for the account's From; throws on a non-address. */
export function parseAddresses(values: readonly string[], field: string): string[] {
  const out: string[] = [];
  for (const value of values) {
    const parsed = addressparser(value, { flatten: true });
    if (parsed.length === 0) throw new MailError('refused', `${field}: "${value}" is not an e-mail address.`);
    for (const entry of parsed) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(entry.address)) throw new MailError('refused', `${field}: "${value}" is not an e-mail address.`);
      out.push(entry.address);
    }
  }
  return out;
}

/** Composes the message (Message-ID and Date included) and its SMTP envelope. */
export async function composeMail(draft: MailDraft): Promise<ComposedMail> {
  const [sender] = parseAddresses([draft.from], 'from');
  if (!sender) throw new MailError('config', 'The account has no valid From address (set "from" in mail_accounts).');
  const to = recipientsOrThrow(draft.to, 'to');
  const cc = recipientsOrThrow(draft.cc, 'cc');
  const recipients = [...to, ...cc];
  if (recipients.length === 0) throw new MailError('refused', 'to: at least one recipient is needed.');
  const subject = draft.replyTo ? replySubject(draft.subject || draft.replyTo.subject) : draft.subject.trim();
  const references = draft.replyTo ? replyReferences(draft.replyTo) : [];
  const node = new MailComposer({
    from: draft.from,
    // The parsed addresses, not the entries as given: the headers show who really gets the mail.
    to,
    ...(cc.length && { cc }),
    subject,
    text: draft.body,
    ...(draft.replyTo?.messageId && { inReplyTo: draft.replyTo.messageId }),
    ...(references.length && { references }),
  }).compile();
  const raw = await node.build();
  return { raw, messageId: node.messageId(), subject, to, cc, envelope: { from: sender, to: [...new Set(recipients)] } };
}
