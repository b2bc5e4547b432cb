/** Folder names as people say them ("sent", "spam") resolved against the server's own list. */
import { MailError } from './mail-error.js';

/** One folder as the server lists it. */
export interface FolderInfo {
  /** Full path, used in IMAP commands (`INBOX`, `Archive/2024`). */
  path: string;
  /** Last path segment. */
  name: string;
  /** RFC 6154 special use (`\\Sent`, `\\Trash`, …) when the server (or the name) tells. */
  specialUse?: string;
}

/** Words people use for the special-use folders. */
const SPECIAL_USE_WORDS: Readonly<Record<string, string>> = {
  sent: '\\Sent',
  'sent items': '\\Sent',
  'sent mail': '\\Sent',
  'sent messages': '\\Sent',
  trash: '\\Trash',
  bin: '\\Trash',
  deleted: '\\Trash',
  'deleted items': '\\Trash',
  junk: '\\Junk',
  spam: '\\Junk',
  archive: '\\Archive',
  archives: '\\Archive',
  drafts: '\\Drafts',
  draft: '\\Drafts',
};

/** Whether a folder name means the inbox (IMAP makes INBOX case-insensitive). */
export function isInbox(name: string): boolean {
  return name.trim().toLowerCase() === 'inbox';
}

/**
 * The folder meant by `wanted`: exact path, then the same path in another case, then a unique
 * folder name, then a special-use word ("sent", "spam"). Throws a not_found MailError listing
 * the folders, so the model can pick one.
 */
export function resolveFolder(folders: readonly FolderInfo[], wanted: string): FolderInfo {
  const text = wanted.trim();
  const lower = text.toLowerCase();
  const exact = folders.find((f) => f.path === text);
  if (exact) return exact;
  if (isInbox(text)) return folders.find((f) => isInbox(f.path)) ?? { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' };
  const byPath = folders.filter((f) => f.path.toLowerCase() === lower);
  if (byPath.length === 1 && byPath[0]) return byPath[0];
  const byName = folders.filter((f) => f.name.toLowerCase() === lower);
  if (byName.length === 1 && byName[0]) return byName[0];
  const use = SPECIAL_USE_WORDS[lower];
  const bySpecialUse = use ? folders.find((f) => f.specialUse === use) : undefined;
  if (bySpecialUse) return bySpecialUse;
  throw new MailError('not_found', `No folder "${wanted}". Folders: ${folders.map((f) => f.path).join(', ')}.`);
}

/** Where sent mail is kept: the SPECIAL-USE \Sent folder, else one named "Sent". */
export function findSentFolder(folders: readonly FolderInfo[]): FolderInfo | undefined {
  return folders.find((f) => f.specialUse === '\\Sent') ?? folders.find((f) => f.path.toLowerCase() === 'sent' || f.name.toLowerCase() === 'sent');
}

/** Whether moving mail there could end in its deletion (trash is emptied automatically on many servers). */
export function isDeletionFolder(folder: FolderInfo): boolean {
  return folder.specialUse === '\\Trash';
}
