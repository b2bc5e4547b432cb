/**
 * The demo's mail: Alice's mailbox in a real dovecot (when it is installed) and a real SMTP server
 * that keeps what is sent, the banner line that says which, and the lines printed as mail is sent.
 */
import { simpleParser } from 'mailparser';
import { NEW_MAIL_QUESTION } from '../test/fake-llm/demo-mail.js';
import { startDemoMailbox, type DemoMailbox } from '../test/support/demo-mailbox.js';
import { dovecotMissingReason, findDovecot } from '../test/support/dovecot.js';
import type { CapturedMail, SmtpCapture } from '../test/support/smtp.js';

/** The demo's mailbox when dovecot runs here, or why mail is off. */
export type DemoMailState = { mailbox: DemoMailbox } | { off: string };

/** Starts the mailbox; never fails the demo: without dovecot, mail is off and the reason says why. */
export async function startDemoMail(): Promise<DemoMailState> {
  if (!findDovecot()) return { off: 'dovecot is not installed (apt install dovecot-imapd)' };
  const missing = dovecotMissingReason();
  if (missing) return { off: missing };
  try {
    return { mailbox: await startDemoMailbox() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { off: `dovecot could not start (${message.split('\n')[0] ?? ''})` };
  }
}

/** The banner's "Mail:" text (after the label), lines indented like the banner's. */
export function mailBannerText(state: DemoMailState): string {
  if ('off' in state) return `off: ${state.off}.`;
  const { mails, dovecot } = state.mailbox;
  const unread = mails.filter((mail) => mail.unread).length;
  return `on: Alice's mailbox (${mails.length} mails, ${unread} unread) on a dovecot IMAP server at ${dovecot.host}:${dovecot.port}. Ask "${NEW_MAIL_QUESTION}"
             Reading needs no yes; sending asks for one, and what is sent is kept by the demo's SMTP
             server and printed here, never delivered. Both servers are plain (no TLS) on this
             machine, so the security check flags the account: demo only.`;
}

/** What the demo prints for one mail its SMTP server kept. */
export async function sentMailLine(mail: CapturedMail): Promise<string> {
  const parsed = await simpleParser(mail.raw);
  return `📧 Sent (kept by the demo's SMTP server, not delivered): To ${mail.to.join(', ')}, Subject "${parsed.subject ?? ''}"`;
}

/** Prints each mail the SMTP server keeps from now on, in order; returns a stop function. */
export function printSentMail(smtp: SmtpCapture, print: (line: string) => void = (line) => console.log(`\n${line}`)): () => void {
  let stopped = false;
  const follow = async (): Promise<void> => {
    for (let seen = smtp.messages.length; !stopped; seen += 1) {
      const mail = await smtp.waitForMessage(seen);
      if (!stopped) print(await sentMailLine(mail));
    }
  };
  void follow().catch((err: unknown) => print(`The demo could not show a sent mail: ${err instanceof Error ? err.message : String(err)}`));
  return () => {
    stopped = true;
  };
}
