/**
 * The recipients of mail_send, read once for everyone: the policy judges these addresses, and the
 * SMTP envelope and the To/Cc headers carry exactly these addresses.
 *
 * Only plain addresses are accepted, one per entry (entries are list items, or parts of a string
 * separated by commas or semicolons). A mail library reads display names, comments, groups, quoted
 * local parts and encoded words in ways a simple reading does not: `<evil@x> bob@y` goes to evil@x
 * and shows "bob@y". Refusing them leaves one reading, so what a person or a rule approved is what
 * is sent. The policy reads recipients here without the mail library (it stays unloaded while mail
 * is off); the sender passes the library's own reading as `agrees` (compose.ts), so both must agree.
 * A refusal is data, worded for the model in English and for a person in their language.
 */
import { t } from '../messages/messages.js';

/** What is wrong with one entry of `to` or `cc`. */
export interface RecipientProblem {
  field: 'to' | 'cc';
  kind: 'not_string' | 'not_address' | 'not_plain';
  /** The entry as given (trimmed); absent when it is not a string. */
  entry?: string;
}

/** The recipients, or why they cannot be used: `error` in English (the model's), `problem` to word for a person. */
export type RecipientsReading = { ok: true; addresses: string[] } | { ok: false; error: string; problem: RecipientProblem };

// A dot-atom local part without `%` and `!` (old relay syntaxes), quotes or `?` (encoded words),
// and a domain of at least two labels; letters may be non-ASCII (internationalised addresses).
const LOCAL = "[\\p{L}\\p{M}\\p{N}#$&'*+/=^_`{|}~-]+(?:\\.[\\p{L}\\p{M}\\p{N}#$&'*+/=^_`{|}~-]+)*";
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?';
const PLAIN_ADDRESS = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})+$`, 'u');

/** Why an entry is refused, in `language` (English by default); the field and the entry stay as given. */
export function recipientProblemText(problem: RecipientProblem, language?: string): string {
  const { field, entry = '' } = problem;
  if (problem.kind === 'not_string') return t(language, 'mail.recipient_not_string', { field });
  return t(language, problem.kind === 'not_address' ? 'mail.recipient_not_address' : 'mail.recipient_not_plain', { field, entry });
}

function refused(problem: RecipientProblem): RecipientsReading {
  return { ok: false, error: recipientProblemText(problem), problem };
}

/** The entries of a `to`/`cc` value: list items, each split on commas and semicolons. */
function entriesOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A second reading of one entry: whether it reads as exactly these addresses, nothing more. */
export type RecipientCheck = (entry: string, addresses: readonly string[]) => boolean;

/** Reads one field (`to` or `cc`) of mail_send: plain addresses in order, or the first problem. */
export function readRecipients(value: unknown, field: 'to' | 'cc', agrees?: RecipientCheck): RecipientsReading {
  const addresses: string[] = [];
  for (const entry of entriesOf(value)) {
    if (typeof entry !== 'string') return refused({ field, kind: 'not_string' });
    const parts = entry
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter((part) => part !== '');
    for (const part of parts) {
      if (!part.includes('@')) return refused({ field, kind: 'not_address', entry: entry.trim() });
      if (!PLAIN_ADDRESS.test(part)) return refused({ field, kind: 'not_plain', entry: entry.trim() });
    }
    if (agrees && !agrees(entry, parts)) return refused({ field, kind: 'not_plain', entry: entry.trim() });
    addresses.push(...parts);
  }
  return { ok: true, addresses };
}
