import { z } from 'zod';
import type { Tool } from '../tool.js';
import { t } from '../../messages/messages.js';
import { searchLine, searchTaintSource } from './result-lines.js';
import type { MailService } from '../../mail/mail-service.js';
import { searchMail } from '../../mail/read-operations.js';
import { accountField, folderField, runMailTool } from './tool-support.js';

const input = z.object({
  account: accountField,
  folder: folderField.optional().describe('Folder to search; INBOX when left out. "sent", "archive", "spam" also work'),
  query: z.string().trim().min(1).max(200).optional().describe('Words that must all appear in the subject, addresses or text; "quote" a phrase'),
  from: z.string().trim().min(1).max(200).optional().describe('Part of the sender name or address'),
  unseen: z.boolean().optional().describe('true: unread mail only; false: read mail only'),
  since: z
    .string()
    .trim()
    .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date such as 2025-03-01')
    .optional()
    .describe('Only mail received on or after this day (YYYY-MM-DD)'),
  limit: z.number().int().min(1).max(50).default(10).describe('Most recent first; default 10'),
});

/** `mail_search`: newest matching messages with sender, subject, date, flags and a snippet. */
export function createMailSearchTool(mail: MailService): Tool<z.infer<typeof input>> {
  return {
    name: 'mail_search',
    description:
      'Search a mailbox: newest first, each with uid, sender, subject, date, flags (seen, flagged, answered) and a short snippet. ' +
      'Use unseen=true for unread mail. Read a whole message with mail_read.',
    input,
    effect: 'read',
    untrusted: true,
    execute: (args, ctx) =>
      runMailTool(
        mail,
        () => searchMail(mail.handle(args.account), args, ctx.signal),
        (view) => searchLine(view, ctx.language),
        t(ctx.language, 'mail.search_failed'),
        (view) => searchTaintSource(view, ctx.language),
        ctx.language,
      ),
  };
}
