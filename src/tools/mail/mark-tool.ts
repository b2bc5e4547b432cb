import { z } from 'zod';
import type { Tool } from '../tool.js';
import { t } from '../../messages/messages.js';
import { markedLine } from './result-lines.js';
import type { MailService } from '../../mail/mail-service.js';
import { accountField, folderField, runMailTool, uidField } from './tool-support.js';
import { markMail } from '../../mail/write-operations.js';

const input = z
  .object({
    uid: uidField,
    folder: folderField.optional().describe('Folder the uid is in; INBOX when left out'),
    account: accountField,
    seen: z.boolean().optional().describe('true: mark as read; false: mark as unread'),
    flagged: z.boolean().optional().describe('true: flag (star) it; false: remove the flag'),
  })
  .refine((value) => value.seen !== undefined || value.flagged !== undefined, 'give seen, flagged or both');

/** `mail_mark`: marks one message read/unread and flagged/unflagged. */
export function createMailMarkTool(mail: MailService): Tool<z.infer<typeof input>> {
  return {
    name: 'mail_mark',
    description: 'Mark one message as read or unread, and flag or unflag it.',
    input,
    effect: 'write',
    execute: (args, ctx) =>
      runMailTool(
        mail,
        () => markMail(mail.handle(args.account), args, ctx.signal),
        (view) => markedLine(view, args.seen, args.flagged, ctx.language),
        t(ctx.language, 'mail.mark_failed'),
        undefined,
        ctx.language,
      ),
  };
}
