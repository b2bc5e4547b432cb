/**
 * The demo shows mail: its stand-in model answers "Do I have any new mail?" (and the French
 * question) with the real mail tools, through the real server, against a real dovecot seeded
 * with the demo's mailbox; it names who wrote and what about from what the tools returned, and a
 * mail already read is not new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSentMail } from '../../scripts/demo-mail.js';
import { NEW_MAIL_QUESTION, NEW_MAIL_QUESTION_FR } from '../fake-llm/demo-mail.js';
import { createDemoResponder, DEMO_MODEL_NAME } from '../fake-llm/demo-model.js';
import { loadDemoHome } from '../ha-sim/index.js';
import { startDemoMailbox, type DemoMailbox } from '../support/demo-mailbox.js';
import { dovecotMissingReason } from '../support/dovecot.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const skip = dovecotMissingReason();

type Event = Record<string, unknown>;
const answerOf = (events: Event[]): string => events.filter((e) => e.type === 'text').map((e) => String(e.delta)).join('');
const toolCalls = (events: Event[]): Event[] => events.filter((e) => e.type === 'tool_call');

describe.skipIf(skip !== undefined)(`the demo model reads the demo mailbox in a real dovecot${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let mailbox: DemoMailbox;
  let stack: Stack;
  const unread = () => mailbox.mails.filter((m) => m.unread);
  const read = () => mailbox.mails.filter((m) => !m.unread);

  beforeAll(async () => {
    mailbox = await startDemoMailbox();
    // As the demo does: the demo model answers whatever nothing else was scripted for.
    stack = await startStack({
      home: loadDemoHome(),
      options: { model: DEMO_MODEL_NAME, mail_accounts: [mailbox.account] },
      fakeAnthropic: { fallback: createDemoResponder() },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await mailbox?.stop();
  });
  it.each([
    ['en', NEW_MAIL_QUESTION, /^You have 2 new mails\. The newest, from /],
    ['fr', NEW_MAIL_QUESTION_FR, /^Vous avez 2 nouveaux courriers\. Le plus récent, de /],
  ] as const)('searches unread mail, reads the newest and says who wrote and what about (%s)', async (_language, question, opening) => {
    expect(unread()).toHaveLength(2);
    const events = await chat(stack.url, { message: question });
    const answer = answerOf(events);
    expect(answer).toMatch(opening);
    const [search, readCall] = toolCalls(events);
    expect(search).toMatchObject({ name: 'mail_search', input: { unseen: true } });
    const newest = unread().at(-1)!;
    expect(readCall).toMatchObject({ name: 'mail_read' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'tool_result', ok: true, summary: expect.stringContaining(newest.subject) }));
    // Who wrote and what about, for each new mail; what the newest says comes from reading it.
    for (const mail of unread()) {
      expect(answer).toContain(mail.senderName);
      expect(answer).toContain(mail.subject);
    }
    expect(answer).toContain('out for delivery tomorrow between 10:00 and 12:00');
    // Mail already read is not news.
    for (const mail of read()) {
      expect(answer).not.toContain(mail.senderName);
      expect(answer).not.toContain(mail.subject);
    }
  });

  it('leaves the mail unread, so asking again gives the same answer', async () => {
    const first = answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION }));
    expect(answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION }))).toBe(first);
  });

  it('sends mail through the demo SMTP server once approved, and the demo prints it, not delivered', async () => {
    const printed: string[] = [];
    const stopPrinting = printSentMail(mailbox.smtp, (line) => printed.push(line));
    try {
      const reply = { to: 'secretariat@ecole-les-tilleuls.example', subject: "Re: Journée pédagogique : pas d'école vendredi", body: 'Merci, Léa ira à la garderie vendredi.\n\nAlice' };
      stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'mail_send', input: reply }] }, { content: [{ type: 'text', text: 'Sent.' }] });
      const turn = chat(stack.url, { message: 'reply to the school that Léa will go to the after-school club' });
      const pending = await until(async () => {
        const list = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string; tool: string }> };
        return list.approvals.find((a) => a.tool === 'mail_send');
      }, 'the approval to send the reply');
      await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ decision: 'approve' }) });
      expect(answerOf(await turn)).toBe('Sent.');
      await until(() => printed.length > 0, 'the printed line');
      expect(printed).toEqual([`📧 Sent (kept by the demo's SMTP server, not delivered): To ${reply.to}, Subject "${reply.subject}"`]);
    } finally {
      stopPrinting();
    }
  });

  /** Marks a seeded mail as read, as another mail program would. */
  async function markRead(subject: string): Promise<void> {
    const client = await mailbox.dovecot.client();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd({ header: { subject } }, ['\\Seen']);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  it('does not count a mail once it has been read, and says when nothing is new', async () => {
    const [school, parcel] = unread();
    await markRead(parcel!.subject);
    const answer = answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION }));
    expect(answer).toMatch(new RegExp(`^You have one new mail, from ${school!.senderName}: "${school!.subject}"\\.`));
    expect(answer).toContain("l'école sera fermée ce vendredi");
    expect(answer).not.toContain(parcel!.senderName);

    await markRead(school!.subject);
    expect(answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION_FR }))).toBe('Pas de nouveau courrier : tout ce qui est dans votre boîte de réception a été lu.');
  });
});

describe('the demo model without a mail account', () => {
  it('says mail is off in this demo, in the language asked', async () => {
    const stack = await startStack({ home: loadDemoHome(), options: { model: DEMO_MODEL_NAME }, fakeAnthropic: { fallback: createDemoResponder() } });
    try {
      expect(answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION }))).toBe('Mail is off in this demo: it needs dovecot, an IMAP server (apt install dovecot-imapd).');
      expect(answerOf(await chat(stack.url, { message: NEW_MAIL_QUESTION_FR }))).toBe(
        "Le courrier est désactivé dans cette démo : il lui faut dovecot, un serveur IMAP (apt install dovecot-imapd).",
      );
    } finally {
      await stack.stop();
    }
  });
});
