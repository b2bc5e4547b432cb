/**
 * The mail capability: search, read, send (with approval by default), file and mark messages
 * over IMAP and SMTP. Tool names and inputs are a public contract (DESIGN.md); mail_mark is the
 * one addition. There is no delete tool, ever.
 */
import type { AnyTool } from './tool.js';
import type { MailService } from '../mail/mail-service.js';
import { createMailMarkTool } from './mail/mark-tool.js';
import { createMailMoveTool } from './mail/move-tool.js';
import { createMailReadTool } from './mail/read-tool.js';
import { createMailSearchTool } from './mail/search-tool.js';
import { createMailSendTool } from './mail/send-tool.js';


/** What the mail tools need. */
export interface MailToolDeps {
  mail: MailService;
}

/** Builds mail_search, mail_read, mail_send, mail_move and mail_mark. */
export function createMailTools({ mail }: MailToolDeps): AnyTool[] {
  return [createMailSearchTool(mail), createMailReadTool(mail), createMailSendTool(mail), createMailMoveTool(mail), createMailMarkTool(mail)];
}
