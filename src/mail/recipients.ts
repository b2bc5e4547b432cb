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
 */


/** The recipients, or why they cannot be used. */
export type RecipientsReading = { ok: true; addresses: string[] } | { ok: false; error: string };

// A dot-atom local part without `%` and `!` (old relay syntaxes), quotes or `?` (encoded words),
// and a domain of at least two labels; letters may be non-ASCII (internationalised addresses).
const LOCAL = "[\\p{L}\\p{M}\\p{N}#$&'*+/=^_`{|}~-]+(?:\\.[\\p{L}\\p{M}\\p{N}#$&'*+/=^_`{|}~-]+)*";
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?';
const PLAIN_ADDRESS = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})+$`, 'u');

const notAnAddress = (field: string, entry: string): string => `${field}: "${entry}" is not an e-mail address.`;
const notPlain = (field: string, entry: string): string =>
  `${field}: "${entry}" is not one plain e-mail address. Give each recipient as a bare address such as anna@example.com, without a name, comment or group.`;

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
    if (typeof entry !== 'string') return { ok: false, error: `${field}: every recipient must be a string.` };
    const parts = entry
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter((part) => part !== '');
    for (const part of parts) {
      if (!part.includes('@')) return { ok: false, error: notAnAddress(field, entry.trim()) };
      if (!PLAIN_ADDRESS.test(part)) return { ok: false, error: notPlain(field, entry.trim()) };
    }
    if (agrees && !agrees(entry, parts)) return { ok: false, error: notPlain(field, entry.trim()) };
    addresses.push(...parts);
  }
  return { ok: true, addresses };
}
