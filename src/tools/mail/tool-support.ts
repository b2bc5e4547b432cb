/** Shared by the mail tools: input pieces and turning outcomes into results without secrets. */
import { z } from 'zod';
import { t } from '../../messages/messages.js';
import { describeError, MajordomeError, messageFor } from '../../errors.js';
import { errorResult, okResult, type ToolResult } from '../tool.js';
import type { MailService } from '../../mail/mail-service.js';
import { createSecretRedactor } from '../../policy/index.js';

/** `account` field of every mail tool. */
export const accountField = z.string().trim().min(1).max(100).optional().describe('Mail account name; the first account when left out');

/** A folder name: a path as listed, or a word such as "sent", "archive", "spam". */
export const folderField = z.string().trim().min(1).max(300);

/** A message UID, as mail_search returns it. */
export const uidField = z.number().int().min(1).describe('The uid from mail_search');

/** Shortens third-party text for a one-line summary. */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "a mail from anna@example.com": what the conversation read, for the taint approval's reason, in `language` (the reader's). */
export function mailTaintSource(from: string, language?: string): string {
  return from.trim() ? t(language, 'taint.mail_from', { from: clip(from, 80) }) : t(language, 'taint.mail_unknown_sender');
}

/**
 * Runs one mail operation and returns its result, scrubbed of every account password (a
 * password must not reach the model even if a server or a message echoes it) by the one secret
 * redactor (policy/secrets.ts), which also catches its escaped forms and secret-shaped strings.
 */
export async function runMailTool<T>(
  mail: Pick<MailService, 'secrets'>,
  op: () => Promise<T>,
  summarize: (output: T) => string,
  /** What did not happen, already in the reader's language ("Mail not sent"). */
  failure: string,
  /** For output with third-party text: what was read, finishing "after reading …". */
  readSource?: (output: T) => string,
  /** The reader's language, for the failure line. */
  language?: string,
): Promise<ToolResult> {
  const redactor = createSecretRedactor(mail.secrets);
  try {
    const output = await op();
    const result = okResult(redactor.redactValue(output), redactor.redactText(summarize(output)));
    return readSource ? { ...result, untrusted: true, taintSource: readSource(output) } : result;
  } catch (err) {
    if (err instanceof MajordomeError && err.code === 'cancelled') throw err;
    const message = redactor.redactText(describeError(err));
    // The model reads the English; the card says it in the reader's language when the error can.
    const shown = err instanceof MajordomeError ? redactor.redactText(messageFor(err, language)) : message;
    return errorResult(message, t(language, 'mail.failed', { failure, error: clip(shown, 120) }));
  }
}
