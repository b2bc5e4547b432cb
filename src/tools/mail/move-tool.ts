import { z } from 'zod';
import type { Tool } from '../tool.js';
import { t } from '../../messages/messages.js';
import { movedLine } from './result-lines.js';
import type { MailService } from '../../mail/mail-service.js';
import { accountField, folderField, runMailTool, uidField } from './tool-support.js';
import { moveMail } from '../../mail/write-operations.js';

const input = z.object({
  uid: uidField,
  folder: folderField.describe('Destination folder; it must exist (the trash is refused)'),
  from_folder: folderField.optional().describe('Folder the uid is in now; INBOX when left out'),
  account: accountField,
});

/** `mail_move`: files a message in another existing folder. Never deletes. */
export function createMailMoveTool(mail: MailService): Tool<z.infer<typeof input>> {
  return {
    name: 'mail_move',
    description: 'Move one message to another existing folder (to file it). The trash is refused: mail is never deleted.',
    input,
    effect: 'write',
    execute: (args, ctx) =>
      runMailTool(
        mail,
        () => moveMail(mail.handle(args.account), args, ctx.signal),
        (view) => movedLine(view, ctx.language),
        t(ctx.language, 'mail.move_failed'),
        undefined,
        ctx.language,
      ),
  };
}
