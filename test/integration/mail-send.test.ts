import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import type { MailFixture } from '../support/mail-fixtures.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { accountFor, captureLog, dovecotMissingReason, folderSources, mailKit, seedInbox, serverFlags, type CapturedLog, type MailKit } from './mail-harness.js';

const skip = dovecotMissingReason();

describe.skipIf(skip !== undefined)('mail_send through a real SMTP server, filed in Sent on dovecot', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let kit: MailKit;
  let log: CapturedLog;
  let uid: Record<MailFixture, number>;

  beforeAll(async () => {
    dovecot = await startDovecot();
    uid = await seedInbox(dovecot);
    // One password for IMAP and SMTP, as in the options.
    smtp = await startSmtpCapture({ user: dovecot.user, password: dovecot.password, refuse: ['nobody@example.org'] });
    log = captureLog();
    kit = mailKit([accountFor(dovecot, smtp)], log.logger);
  });
  afterAll(async () => {
    await kit?.mail.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('sends a new message and files the very same message in the SPECIAL-USE Sent folder, as read', async () => {
    const before = smtp.messages.length;
    const result = await kit.call('mail_send', { to: 'anna@example.com', cc: ['carl@example.net'], subject: 'Garden party', body: 'Saturday at 4, bring a chair.' });
    expect(result).toMatchObject({ ok: true, output: { sent: true, to: ['anna@example.com'], cc: ['carl@example.net'], subject: 'Garden party', saved_to: 'Sent Messages' } });
    expect(result.summary).toBe('Sent “Garden party” to anna@example.com, carl@example.net');
    const delivered = await smtp.waitForMessage(before);
    expect(delivered).toMatchObject({ from: 'bob.tester@home.example', to: ['anna@example.com', 'carl@example.net'], user: dovecot.user });
    const parsed = await simpleParser(delivered.raw);
    expect(parsed.from?.text).toBe('"Test User" <bob.tester@home.example>');
    expect(parsed.subject).toBe('Garden party');
    expect(parsed.text?.trim()).toBe('Saturday at 4, bring a chair.');
    expect(parsed.inReplyTo).toBeUndefined();
    const sent = await folderSources(dovecot, dovecot.sentFolder);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.flags).toContain('\\Seen');
    expect(sent[0]?.source).toBe(delivered.raw.toString('utf8'));
  });

  it('replies to Bob in the thread: "Re:", In-Reply-To, References, and marks his mail answered', async () => {
    const before = smtp.messages.length;
    const result = await kit.call('mail_send', {
      to: 'bob@example.org',
      subject: 'Dinner on Friday?',
      body: 'Yes! Friday at 8 works for me.',
      reply_to_uid: uid['multipart-alternative'],
    });
    expect(result).toMatchObject({ ok: true, output: { subject: 'Re: Dinner on Friday?', in_reply_to: '<dinner-2@mail.example.org>', saved_to: 'Sent Messages' } });
    const parsed = await simpleParser((await smtp.waitForMessage(before)).raw);
    expect(parsed.subject).toBe('Re: Dinner on Friday?');
    expect(parsed.inReplyTo).toBe('<dinner-2@mail.example.org>');
    expect(parsed.references).toEqual(['<dinner-1@home.example>', '<dinner-2@mail.example.org>']);
    expect(await serverFlags(dovecot, uid['multipart-alternative'])).toEqual(['\\Answered']);
    expect((await folderSources(dovecot, dovecot.sentFolder)).map((m) => m.source)).toContainEqual(expect.stringContaining('In-Reply-To: <dinner-2@mail.example.org>'));
  });

  describe('refuses before anything leaves', () => {
    let sentBefore: number;
    let filedBefore: number;
    beforeAll(async () => {
      sentBefore = smtp.messages.length;
      filedBefore = (await folderSources(dovecot, dovecot.sentFolder)).length;
    });
    afterEach(async () => {
      expect(smtp.messages).toHaveLength(sentBefore);
      expect(await folderSources(dovecot, dovecot.sentFolder)).toHaveLength(filedBefore);
    });

    it('a reply to a message that does not exist', async () => {
      expect(await kit.call('mail_send', { to: 'bob@example.org', subject: 'x', body: 'y', reply_to_uid: 4242 })).toMatchObject({
        ok: false,
        output: { error: expect.stringMatching(/^No message with uid 4242 in INBOX/) },
        summary: expect.stringMatching(/^Mail not sent: /),
      });
    });

    it('a recipient that is not an address', async () => {
      expect(await kit.call('mail_send', { to: 'Bob Martin', subject: 'x', body: 'y' })).toMatchObject({ ok: false, output: { error: 'to: "Bob Martin" is not an e-mail address.' } });
    });

    it('a recipient with a display name, which the mailer would read differently from the policy', async () => {
      expect(await kit.call('mail_send', { to: '<evil@evil.test> bob@home.test', subject: 'x', body: 'y' })).toMatchObject({
        ok: false,
        output: { error: expect.stringMatching(/^to: "<evil@evil\.test> bob@home\.test" is not one plain e-mail address\./) },
      });
    });

    it('a recipient the server refuses', async () => {
      expect(await kit.call('mail_send', { to: 'nobody@example.org', subject: 'x', body: 'y' })).toMatchObject({
        ok: false,
        output: { error: expect.stringMatching(/SMTP server 127\.0\.0\.1:\d+ refused a recipient: .*550.*Nothing was sent\./) },
      });
    });
  });

  it('never writes the password in results or logs', () => {
    expect(log.text()).not.toContain(dovecot.password);
  });
});

describe.skipIf(skip !== undefined)('mail_send when SMTP fails', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let kit: MailKit;
  let log: CapturedLog;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture({ user: dovecot.user, password: 'another-password-123' });
    log = captureLog();
    kit = mailKit([accountFor(dovecot, smtp)], log.logger);
  });
  afterAll(async () => {
    await kit?.mail.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('a wrong password is a clear error without the password, and nothing is filed', async () => {
    const result = await kit.call('mail_send', { to: 'anna@example.com', subject: 'Hello', body: 'Hi Anna' });
    expect(result).toMatchObject({
      ok: false,
      output: { error: expect.stringMatching(/^Mail account "home": the SMTP server 127\.0\.0\.1:\d+ refused the username or password\. Check the account/) },
    });
    expect(JSON.stringify(result)).not.toContain(dovecot.password);
    expect(log.text()).not.toContain(dovecot.password);
    expect(smtp.messages).toHaveLength(0);
    expect(await folderSources(dovecot, dovecot.sentFolder)).toHaveLength(0);
  });

  it('an unreachable SMTP server is a clear error', async () => {
    const closed = mailKit([accountFor(dovecot, undefined, { smtp_port: 1 })], log.logger);
    try {
      expect(await closed.call('mail_send', { to: 'anna@example.com', subject: 'Hello', body: 'Hi' })).toMatchObject({
        ok: false,
        output: { error: 'Mail account "home": the SMTP server 127.0.0.1:1 cannot be reached (connection refused). Check the host and port, or try again later.' },
      });
    } finally {
      await closed.mail.stop();
    }
  });
});
