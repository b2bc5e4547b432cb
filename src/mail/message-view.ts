/** What the model sees of a message: plain text, the headers that matter, the attachment list. */
import type { AddressObject, ParsedMail } from 'mailparser';
import type { MessageStructureObject } from 'imapflow';

/** Body text longer than this is cut, with a note saying so. */
export const MAX_BODY_CHARS = 12_000;
/** Length of a search snippet. */
export const SNIPPET_CHARS = 200;

/** One attachment, by name only: its bytes never reach the model. */
export interface AttachmentView {
  filename: string;
  content_type: string;
  size: number;
}

/** mail_read's output for one message. */
export interface MessageView {
  account: string;
  folder: string;
  uid: number;
  from: string;
  to: string[];
  cc: string[];
  reply_to?: string;
  date?: string;
  subject: string;
  message_id?: string;
  flags: string[];
  text: string;
  attachments: AttachmentView[];
  /** Why the text is incomplete or approximate, when it is. */
  notes?: string[];
}

/** What the IMAP side knows about the message besides its parsed content. */
export interface MessageMeta {
  account: string;
  folder: string;
  uid: number;
  flags: readonly string[];
  /** Envelope date (from the Date header) or the server's arrival date. */
  date?: Date;
  /** Total size in bytes. */
  size: number;
  /** When only the first `readBytes` of the message were fetched. */
  readBytes?: number;
  /** The attachment list from the server's body structure (used when the source was cut). */
  structure?: MessageStructureObject;
}

/** `Name <address>` strings of an address header. */
export function formatAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => {
      const members = entry.group ?? [entry];
      return members.map((m) => (m.name && m.address ? `${m.name} <${m.address}>` : (m.address ?? m.name)));
    }),
  );
}

/** IMAP system flags as words (`\\Seen` → `seen`); keywords are kept as they are. */
export function flagWords(flags: Iterable<string>): string[] {
  return [...flags].map((flag) => (flag.startsWith('\\') ? flag.slice(1).toLowerCase() : flag)).filter((flag) => flag !== 'recent');
}

/** Text with runs of blank lines and trailing spaces squeezed, so cuts spend characters on words. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text cut to `max` characters (at a line break when one is near), with a note when cut. */
export function cutText(text: string, max = MAX_BODY_CHARS): { text: string; note?: string } {
  if (text.length <= max) return { text };
  const lineBreak = text.lastIndexOf('\n', max);
  const end = lineBreak > max * 0.8 ? lineBreak : max;
  return {
    text: `${text.slice(0, end)}\n[…]`,
    note: `The body is ${text.length} characters long; only the first ${end} are shown.`,
  };
}

/** A one-line preview of the body. */
export function snippetOf(parsed: ParsedMail, max = SNIPPET_CHARS): string {
  const flat = (parsed.text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function attachmentsOf(parsed: ParsedMail): AttachmentView[] {
  return parsed.attachments
    .filter((a) => !a.related)
    .map((a) => ({ filename: a.filename ?? '(unnamed)', content_type: a.contentType, size: a.size }));
}

/** Attachments named in a body structure (sizes are approximate: transfer encoding removed). */
export function attachmentsFromStructure(node: MessageStructureObject | undefined): AttachmentView[] {
  if (!node) return [];
  if (node.childNodes?.length) return node.childNodes.flatMap(attachmentsFromStructure);
  const filename = node.dispositionParameters?.['filename'] ?? node.parameters?.['name'];
  const isAttachment = node.disposition === 'attachment' || (filename !== undefined && !node.type.startsWith('text/'));
  if (!isAttachment) return [];
  const size = node.size ?? 0;
  return [{ filename: filename ?? '(unnamed)', content_type: node.type, size: node.encoding?.toLowerCase() === 'base64' ? Math.floor((size * 3) / 4) : size }];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Builds mail_read's output. */
export function toMessageView(parsed: ParsedMail, meta: MessageMeta, maxChars = MAX_BODY_CHARS): MessageView {
  const notes: string[] = [];
  const text = tidyText(parsed.text ?? '');
  const cut = cutText(text, maxChars);
  if (cut.note) notes.push(cut.note);
  if (meta.readBytes !== undefined) {
    notes.push(`The message is ${megabytes(meta.size)}; only its first ${megabytes(meta.readBytes)} were read, so the end of the text may be missing.`);
  }
  if (text.includes('\uFFFD') || (parsed.subject ?? '').includes('\uFFFD')) {
    notes.push('Some characters could not be decoded (unknown or wrong character set); they show as �.');
  }
  if (!text && parsed.html === false && parsed.attachments.length === 0) notes.push('The message has no readable text.');
  const view: MessageView = {
    account: meta.account,
    folder: meta.folder,
    uid: meta.uid,
    from: formatAddresses(parsed.from).join(', '),
    to: formatAddresses(parsed.to),
    cc: formatAddresses(parsed.cc),
    subject: parsed.subject ?? '',
    flags: flagWords(meta.flags),
    text: cut.text,
    attachments: meta.readBytes !== undefined ? attachmentsFromStructure(meta.structure) : attachmentsOf(parsed),
  };
  const replyTo = formatAddresses(parsed.replyTo).join(', ');
  if (replyTo && replyTo !== view.from) view.reply_to = replyTo;
  if (meta.date && !Number.isNaN(meta.date.getTime())) view.date = meta.date.toISOString();
  if (parsed.messageId) view.message_id = parsed.messageId;
  if (notes.length) view.notes = notes;
  return view;
}
