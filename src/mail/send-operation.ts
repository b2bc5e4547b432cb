/**
 * mail_send: compose once, deliver over SMTP, then file the same bytes in Sent and mark the
 * original as answered. Delivery is the part that matters: after it, failures become notes.
 */
import { composeMail } from './compose.js';
import { findSentFolder } from './folders.js';
import { MailError } from './mail-error.js';
import { fetchReplyContext, inFolder, listFolders, type ReplyContext } from './mailbox.js';
import { sendOverSmtp } from './smtp-sender.js';
import { resolveFolderOn, type AccountHandle } from './account-handle.js';

/** mail_send's input, normalised (lists of addresses). */
export interface SendInput {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  reply_to_uid?: number;
  /** Folder of the message answered (INBOX when not given). */
  folder?: string;
}

/** mail_send's output. */
export interface SendView {
  account: string;
  sent: true;
  message_id: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  in_reply_to?: string;
  /** Where the copy was filed, when it was. */
  saved_to?: string;
  notes?: string[];
}

async function loadReplyContext(handle: AccountHandle, uid: number, folder: string | undefined, signal?: AbortSignal): Promise<ReplyContext> {
  return handle.pool.run(
    `find message ${uid} to reply to`,
    async (client) => {
      const where = await resolveFolderOn(client, folder);
      return inFolder(client, where.path, true, () => fetchReplyContext(client, uid, where.path));
    },
    signal ? { signal } : {},
  );
}

async function fileInSent(handle: AccountHandle, raw: Buffer): Promise<string> {
  return handle.pool.run(
    'save the message in Sent',
    async (client) => {
      const sent = findSentFolder(await listFolders(client));
      if (!sent) throw new MailError('not_found', 'the account has no Sent folder');
      const appended = await client.append(sent.path, raw, ['\\Seen']);
      if (!appended) throw new MailError('server', `the server did not store the copy in ${sent.path}`);
      return sent.path;
    },
    // A retried APPEND could file the message twice.
    { retry: false },
  );
}

async function markAnswered(handle: AccountHandle, uid: number, folder: string | undefined): Promise<void> {
  await handle.pool.run(`mark message ${uid} as answered`, async (client) => {
    const where = await resolveFolderOn(client, folder);
    await inFolder(client, where.path, false, () => client.messageFlagsAdd(String(uid), ['\\Answered'], { uid: true }));
  });
}

/** Sends the message; the reply context (if any) is read before anything leaves. */
export async function sendMail(handle: AccountHandle, input: SendInput, signal?: AbortSignal): Promise<SendView> {
  const { account } = handle;
  const replyTo = input.reply_to_uid !== undefined ? await loadReplyContext(handle, input.reply_to_uid, input.folder, signal) : undefined;
  const mail = await composeMail({ from: account.from, to: input.to, cc: input.cc, subject: input.subject, body: input.body, ...(replyTo && { replyTo }) });
  signal?.throwIfAborted();
  const outcome = await sendOverSmtp(account, mail, handle.smtpTimeouts);
  const view: SendView = { account: account.name, sent: true, message_id: mail.messageId, from: account.from, to: mail.to, cc: mail.cc, subject: mail.subject };
  if (replyTo?.messageId) view.in_reply_to = replyTo.messageId;
  const notes: string[] = [];
  if (outcome.rejected.length) notes.push(`The server refused these recipients: ${outcome.rejected.join(', ')}.`);
  try {
    view.saved_to = await fileInSent(handle, mail.raw);
  } catch (err) {
    notes.push(`Sent, but no copy was saved in Sent: ${err instanceof Error ? err.message : 'unknown error'}.`);
  }
  if (input.reply_to_uid !== undefined) {
    await markAnswered(handle, input.reply_to_uid, input.folder).catch(() => notes.push('The original message could not be marked as answered.'));
  }
  if (notes.length) view.notes = notes;
  return view;
}
