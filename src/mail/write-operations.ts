/** mail_move and mail_mark: they change where a message is filed and its flags, never delete it. */
import { MailError } from './mail-error.js';
import { isDeletionFolder, resolveFolder } from './folders.js';
import { assertMessage, inFolder, listFolders } from './mailbox.js';
import { flagWords } from './message-view.js';
import { resolveFolderOn, type AccountHandle } from './account-handle.js';

/** mail_move's output. */
export interface MoveView {
  account: string;
  uid: number;
  from_folder: string;
  to_folder: string;
  /** The message's UID in its new folder, when the server says (UIDPLUS). */
  new_uid?: number;
}

/** Moves one message to another existing folder; never to the trash. */
export async function moveMail(handle: AccountHandle, input: { uid: number; folder: string; from_folder?: string }, signal?: AbortSignal): Promise<MoveView> {
  return handle.pool.run(
    `move message ${input.uid}`,
    async (client) => {
      const folders = await listFolders(client);
      const source = input.from_folder ? resolveFolder(folders, input.from_folder) : resolveFolder(folders, 'INBOX');
      const target = resolveFolder(folders, input.folder);
      if (isDeletionFolder(target)) {
        throw new MailError('refused', `Moving mail to ${target.path} can end in its deletion, and Majordome never deletes mail. Choose another folder.`);
      }
      if (target.path === source.path) throw new MailError('refused', `Message ${input.uid} is already in ${target.path}.`);
      return inFolder(client, source.path, false, async () => {
        await assertMessage(client, input.uid, source.path);
        const moved = await client.messageMove(String(input.uid), target.path, { uid: true });
        if (!moved) throw new MailError('server', `The server did not move message ${input.uid} to ${target.path}.`);
        const view: MoveView = { account: handle.account.name, uid: input.uid, from_folder: source.path, to_folder: target.path };
        const newUid = moved.uidMap?.get(input.uid);
        if (newUid !== undefined) view.new_uid = newUid;
        return view;
      });
    },
    signal ? { signal } : {},
  );
}

/** mail_mark's output. */
export interface MarkView {
  account: string;
  folder: string;
  uid: number;
  flags: string[];
}

/** Sets or clears \Seen and \Flagged. */
export async function markMail(
  handle: AccountHandle,
  input: { uid: number; folder?: string; seen?: boolean; flagged?: boolean },
  signal?: AbortSignal,
): Promise<MarkView> {
  return handle.pool.run(
    `mark message ${input.uid}`,
    async (client) => {
      const folder = await resolveFolderOn(client, input.folder);
      return inFolder(client, folder.path, false, async () => {
        await assertMessage(client, input.uid, folder.path);
        const add = [...(input.seen === true ? ['\\Seen'] : []), ...(input.flagged === true ? ['\\Flagged'] : [])];
        const remove = [...(input.seen === false ? ['\\Seen'] : []), ...(input.flagged === false ? ['\\Flagged'] : [])];
        if (add.length) await client.messageFlagsAdd(String(input.uid), add, { uid: true });
        if (remove.length) await client.messageFlagsRemove(String(input.uid), remove, { uid: true });
        const after = await client.fetchOne(String(input.uid), { uid: true, flags: true }, { uid: true });
        return { account: handle.account.name, folder: folder.path, uid: input.uid, flags: flagWords(after ? (after.flags ?? []) : []) };
      });
    },
    signal ? { signal } : {},
  );
}
