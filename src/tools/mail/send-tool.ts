import { z } from 'zod';
import type { Tool } from '../tool.js';
import { t } from '../../messages/messages.js';
import { sentLine } from './result-lines.js';
import type { MailService } from '../../mail/mail-service.js';
import { describeMailSend } from './send-declaration.js';
import { sendMail } from '../../mail/send-operation.js';
import { accountField, folderField, runMailTool } from './tool-support.js';

const recipients = z.union([z.string().trim().min(3).max(2000), z.array(z.string().trim().min(3).max(500)).min(1).max(50)]);

const input = z.object({
  to: recipients.describe('Plain address or list of addresses, e.g. "anna@example.com" or ["anna@example.com", "carl@example.net"]; no display names'),
  cc: recipients.optional().describe('Plain address or list of addresses, like to'),
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(100_000).describe('Plain text of the message, exactly as it will be sent'),
  reply_to_uid: z.number().int().min(1).optional().describe('uid of the message this answers (keeps the thread; "Re:" is added)'),
  folder: folderField.optional().describe('Folder of reply_to_uid; INBOX when left out'),
  account: accountField,
});

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `mail_send`: sends a plain-text message (or a reply); a copy is filed in Sent. */
export function createMailSendTool(mail: MailService): Tool<z.infer<typeof input>> {
  return {
    name: 'mail_send',
    description:
      'Send a plain-text e-mail from the account, or reply to a message (reply_to_uid keeps the thread). A person approves the exact draft first. A copy goes to Sent.',
    input,
    effect: 'external',
    describe: describeMailSend,
    execute: (args, ctx) =>
      runMailTool(
        mail,
        () =>
          sendMail(
            mail.handle(args.account),
            {
              to: list(args.to),
              cc: list(args.cc),
              subject: args.subject,
              body: args.body,
              ...(args.reply_to_uid !== undefined && { reply_to_uid: args.reply_to_uid }),
              ...(args.folder !== undefined && { folder: args.folder }),
            },
            ctx.signal,
          ),
        (view) => sentLine(view, ctx.language),
        t(ctx.language, 'mail.send_failed'),
        undefined,
        ctx.language,
      ),
  };
}
