/** Shared set-up of the mail integration tests: accounts for the test servers, seeding, tool calls. */
import { Writable } from 'node:stream';
import type { MailAccountOptions } from '../../src/config/options.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { MailService, type MailServiceDeps } from '../../src/mail/mail-service.js';
import { createMailTools } from '../../src/tools/mail.js';
import type { AnyTool, ToolContext, ToolResult } from '../../src/tools/tool.js';
import type { Dovecot } from '../support/dovecot.js';
import { loadMailFixture, type MailFixture } from '../support/mail-fixtures.js';
import type { SmtpCapture } from '../support/smtp.js';

export { dovecotMissingReason } from '../support/dovecot.js';

/** An account on the test dovecot (plain IMAP) and, when given, the capture SMTP server. */
export function accountFor(dovecot: Dovecot, smtp?: SmtpCapture, extra: Partial<MailAccountOptions> = {}): MailAccountOptions {
  return {
    name: 'home',
    imap_host: dovecot.host,
    imap_port: dovecot.port,
    imap_tls: 'none',
    smtp_host: smtp?.host ?? '127.0.0.1',
    smtp_port: smtp?.port ?? 1,
    smtp_tls: 'none',
    username: dovecot.user,
    password: dovecot.password,
    from: 'Test User <bob.tester@home.example>',
    ...extra,
  };
}

/** The seeded INBOX: fixture and flags, oldest first. */
export const INBOX_SEED: ReadonlyArray<{ fixture: MailFixture; flags?: string[] }> = [
  { fixture: 'multipart-alternative' },
  { fixture: 'html-only' },
  { fixture: 'with-attachments', flags: ['\\Seen'] },
  { fixture: 'iso-8859-1', flags: ['\\Seen'] },
  { fixture: 'koi8-r' },
  { fixture: 'malformed', flags: ['\\Seen'] },
  { fixture: 'huge', flags: ['\\Seen'] },
];

/** Seeds INBOX_SEED and returns each fixture's UID. */
export async function seedInbox(dovecot: Dovecot): Promise<Record<MailFixture, number>> {
  const uids = await dovecot.seed(INBOX_SEED.map(({ fixture, flags }) => ({ raw: loadMailFixture(fixture), ...(flags && { flags }) })));
  return Object.fromEntries(INBOX_SEED.map(({ fixture }, i) => [fixture, uids[i]])) as Record<MailFixture, number>;
}

/** Everything a logger wrote, as one string (to look for secrets). */
export interface CapturedLog {
  logger: Logger;
  text(): string;
}

/** A debug-level logger that keeps its output. */
export function captureLog(): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', sink), text: () => chunks.join('') };
}

/** A mail service and its tools by name. */
export interface MailKit {
  mail: MailService;
  tools: Record<string, AnyTool>;
  /** Validates the input like the agent does, then runs the tool (for a person speaking `language`, English by default). */
  call(name: string, input: unknown, language?: string): Promise<ToolResult>;
}

/** Builds (and starts) a mail service over `accounts`. */
export function mailKit(accounts: MailAccountOptions[], logger: Logger, extra: Partial<MailServiceDeps> = {}): MailKit {
  const mail = new MailService({ accounts, logger, ...extra });
  mail.start();
  const tools = Object.fromEntries(createMailTools({ mail }).map((tool) => [tool.name, tool]));
  const context: ToolContext = { user: { id: 'user-1', via: 'system' }, conversationId: 'c1', signal: new AbortController().signal, language: 'en' };
  return {
    mail,
    tools,
    async call(name, input, language = 'en') {
      const tool = tools[name];
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.execute(tool.input.parse(input), { ...context, language });
    },
  };
}

/** Flags of a message, straight from the server. */
export async function serverFlags(dovecot: Dovecot, uid: number, folder = 'INBOX'): Promise<string[]> {
  const client = await dovecot.client();
  try {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const message = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
      return message ? [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort() : [];
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The raw messages of a folder, straight from the server. */
export async function folderSources(dovecot: Dovecot, folder: string): Promise<Array<{ uid: number; flags: string[]; source: string }>> {
  const client = await dovecot.client();
  try {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const out: Array<{ uid: number; flags: string[]; source: string }> = [];
      for await (const message of client.fetch('1:*', { uid: true, flags: true, source: true })) {
        out.push({ uid: message.uid, flags: [...(message.flags ?? [])], source: message.source?.toString('utf8') ?? '' });
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
