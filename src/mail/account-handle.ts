import type { ImapFlow } from 'imapflow';
import type { MailAccount } from './account.js';
import { listFolders, inboxFolder, needsFolderList } from './mailbox.js';
import { resolveFolder, type FolderInfo } from './folders.js';
import type { ImapPool } from './imap-pool.js';
import type { SmtpTimeouts } from './smtp-sender.js';

/** One account with its connections: what every mail operation works on. */
export interface AccountHandle {
  account: MailAccount;
  pool: ImapPool;
  smtpTimeouts: SmtpTimeouts;
  /** Messages over this many bytes are read only in part. */
  maxSourceBytes: number;
}

/** The folder a tool argument means (INBOX when none), listing folders only when needed. */
export async function resolveFolderOn(client: ImapFlow, folder: string | undefined): Promise<FolderInfo> {
  if (!needsFolderList(folder)) return inboxFolder();
  return resolveFolder(await listFolders(client), folder ?? 'INBOX');
}
