/** IMAP operations on one logged-in client; the pool supplies the client, the service the policy. */
import type { FetchMessageObject, ImapFlow, MessageEnvelopeObject } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { isInbox, type FolderInfo } from './folders.js';
import { MailError } from './mail-error.js';
import { buildSearchCriteria, intersectUids, type MailSearchFilters } from './search-query.js';

/** Messages larger than this are read only in part (the start holds the text; attachments come later). */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
/** How much of each message a search reads for its snippet. */
const SNIPPET_SOURCE_BYTES = 16 * 1024;

const PARSE_OPTIONS = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2 * 1024 * 1024 } as const;

/** Every folder of the account. */
export async function listFolders(client: ImapFlow): Promise<FolderInfo[]> {
  const list = await client.list();
  return list.map((entry) => ({ path: entry.path, name: entry.name, ...(entry.specialUse !== undefined && { specialUse: entry.specialUse }) }));
}

/**
 * Runs `fn` with `folder` selected (EXAMINE when read-only, so nothing is marked seen). A pooled
 * client may still have the folder selected from earlier: a NOOP then brings in the mail that
 * arrived since, which the server reports only in answer to a command.
 */
export async function inFolder<T>(client: ImapFlow, folder: string, readOnly: boolean, fn: () => Promise<T>): Promise<T> {
  const current = client.mailbox;
  const reused = current !== false && current.path === folder && Boolean(current.readOnly) === readOnly;
  const lock = await client.getMailboxLock(folder, { readOnly });
  try {
    if (reused) await client.noop();
    return await fn();
  } finally {
    lock.release();
  }
}

/** UIDs matching every criterion, newest first. */
export async function searchUids(client: ImapFlow, filters: MailSearchFilters): Promise<number[]> {
  const lists: number[][] = [];
  for (const criteria of buildSearchCriteria(filters)) {
    const found = await client.search(criteria, { uid: true });
    // false is not "nothing matched": the server refused (NO/BAD), or the session ended meanwhile
    // (a BYE deselects the folder before the socket closes; a NOOP catches a socket not yet seen closed).
    if (!found) throw client.mailbox && (await stillConnected(client)) ? new MailError('server', 'The mail server refused the search.') : lostConnection();
    lists.push(found);
    if (found.length === 0) break;
  }
  return intersectUids(lists);
}

/** Whether the connection still answers (only asked after a command failed). */
async function stillConnected(client: ImapFlow): Promise<boolean> {
  if (!client.usable) return false;
  return client.noop().then(
    () => client.usable,
    () => false,
  );
}

/** The error for a connection that closed under a command (the pool retries it on a fresh one). */
export function lostConnection(): MailError {
  return new MailError('connection_lost', 'The mail server closed the connection. Try again.');
}

/** One message of a search result, before it is shaped for the model. */
export interface FetchedSummary {
  uid: number;
  envelope: MessageEnvelopeObject | undefined;
  flags: Set<string>;
  date: Date | undefined;
  parsed: ParsedMail;
  hasAttachments: boolean;
}

function dateOf(message: FetchMessageObject): Date | undefined {
  const candidates = [message.envelope?.date, message.internalDate];
  for (const value of candidates) {
    const date = value === undefined ? undefined : new Date(value);
    if (date && !Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

function hasAttachment(node: FetchMessageObject['bodyStructure']): boolean {
  if (!node) return false;
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  return node.disposition === 'attachment';
}

/** Headers, flags and the start of each message (for a snippet), in the order of `uids`. */
export async function fetchSummaries(client: ImapFlow, uids: readonly number[]): Promise<FetchedSummary[]> {
  if (uids.length === 0) return [];
  const byUid = new Map<number, FetchedSummary>();
  const query = { uid: true, envelope: true, flags: true, internalDate: true, bodyStructure: true, source: { start: 0, maxLength: SNIPPET_SOURCE_BYTES } };
  for await (const message of client.fetch(uids.join(','), query, { uid: true })) {
    const parsed = await simpleParser(message.source ?? Buffer.alloc(0), PARSE_OPTIONS);
    byUid.set(message.uid, {
      uid: message.uid,
      envelope: message.envelope,
      flags: message.flags ?? new Set(),
      date: dateOf(message),
      parsed,
      hasAttachments: hasAttachment(message.bodyStructure),
    });
  }
  return uids.flatMap((uid) => byUid.get(uid) ?? []);
}

/** A whole message, parsed. */
export interface FetchedMessage {
  parsed: ParsedMail;
  flags: Set<string>;
  date: Date | undefined;
  size: number;
  /** Set when only the start of the message was read. */
  readBytes?: number;
  structure: FetchMessageObject['bodyStructure'];
}

function notFound(uid: number, folder: string): MailError {
  return new MailError('not_found', `No message with uid ${uid} in ${folder} (it may have been moved or deleted). Use mail_search to find it.`);
}

/** Fetches and parses one message; a message over `maxBytes` is read only in part. */
export async function fetchMessage(client: ImapFlow, uid: number, folder: string, maxBytes = MAX_SOURCE_BYTES): Promise<FetchedMessage> {
  const head = await client.fetchOne(String(uid), { uid: true, size: true, flags: true, envelope: true, internalDate: true, bodyStructure: true }, { uid: true });
  if (!head) throw notFound(uid, folder);
  const size = head.size ?? 0;
  const partial = size > maxBytes;
  const body = await client.fetchOne(String(uid), { uid: true, source: partial ? { start: 0, maxLength: maxBytes } : true }, { uid: true });
  if (!body || !body.source) throw notFound(uid, folder);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(body.source, PARSE_OPTIONS);
  } catch (err) {
    throw new MailError('malformed', `Message ${uid} in ${folder} could not be parsed (malformed MIME: ${err instanceof Error ? err.message.slice(0, 120) : 'unknown error'}).`);
  }
  return {
    parsed,
    flags: head.flags ?? new Set(),
    date: dateOf(head),
    size,
    ...(partial && { readBytes: maxBytes }),
    structure: head.bodyStructure,
  };
}

/** Throws not_found unless the message exists in the selected folder. */
export async function assertMessage(client: ImapFlow, uid: number, folder: string): Promise<void> {
  const found = await client.fetchOne(String(uid), { uid: true }, { uid: true });
  if (!found) throw notFound(uid, folder);
}

/** What a reply needs from the message it answers. */
export interface ReplyContext {
  messageId?: string;
  references: string[];
  subject: string;
}

/** Headers of the message being answered, for In-Reply-To and References. */
export async function fetchReplyContext(client: ImapFlow, uid: number, folder: string): Promise<ReplyContext> {
  const message = await client.fetchOne(String(uid), { uid: true, envelope: true, headers: ['references', 'message-id'] }, { uid: true });
  if (!message) throw notFound(uid, folder);
  const headers = message.headers?.toString('utf8') ?? '';
  const references = unfold(headers, 'references').match(/<[^<>\s]+>/g) ?? [];
  const messageId = message.envelope?.messageId ?? unfold(headers, 'message-id').match(/<[^<>\s]+>/)?.[0];
  return { ...(messageId && { messageId }), references, subject: message.envelope?.subject ?? '' };
}

function unfold(headers: string, name: string): string {
  const match = new RegExp(`^${name}:([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(headers);
  return match?.[1]?.replace(/\r?\n[ \t]/g, ' ').trim() ?? '';
}

/** The INBOX as a FolderInfo, so the common case needs no LIST. */
export function inboxFolder(): FolderInfo {
  return { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' };
}

/** Whether a folder argument can skip the LIST round trip. */
export function needsFolderList(folder: string | undefined): boolean {
  return folder !== undefined && !isInbox(folder);
}
