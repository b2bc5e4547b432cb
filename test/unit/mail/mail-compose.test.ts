import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMail, parseAddresses, replyReferences, replySubject } from '../../../src/mail/compose.js';

describe('replies', () => {
  it('get "Re:" once, whatever language the earlier replies used', () => {
    expect(replySubject('Dinner on Friday?')).toBe('Re: Dinner on Friday?');
    expect(replySubject('Re: Dinner on Friday?')).toBe('Re: Dinner on Friday?');
    expect(replySubject('RE:Dinner')).toBe('RE:Dinner');
    expect(replySubject('AW: Termin')).toBe('AW: Termin');
    expect(replySubject('Réf : dossier 12')).toBe('Réf : dossier 12');
    expect(replySubject('Rendez-vous')).toBe('Re: Rendez-vous');
  });

  it('reference the whole thread, ending with the message answered', () => {
    expect(replyReferences({ messageId: '<b@x>', references: ['<a@x>'], subject: '' })).toEqual(['<a@x>', '<b@x>']);
    expect(replyReferences({ messageId: '<a@x>', references: ['<a@x>'], subject: '' })).toEqual(['<a@x>']);
    expect(replyReferences({ references: [], subject: '' })).toEqual([]);
  });

  it('keep the first and the latest references of a very long thread', () => {
    const long = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
    const refs = replyReferences({ messageId: '<last@x>', references: long, subject: '' });
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x>');
    expect(refs.at(-1)).toBe('<last@x>');
  });
});

describe('addresses of the account option (From)', () => {
  it('accept names, lists and bare addresses', () => {
    expect(parseAddresses(['Anna <anna@example.com>', 'bob@example.org, "Martin, Carl" <carl@example.net>'], 'from')).toEqual([
      'anna@example.com',
      'bob@example.org',
      'carl@example.net',
    ]);
  });

  it('refuse what is not an address', () => {
    expect(() => parseAddresses(['Bob'], 'from')).toThrow('from: "Bob" is not an e-mail address.');
    expect(() => parseAddresses(['bob@localhost'], 'from')).toThrow(/from: "bob@localhost"/);
  });
});

describe('composeMail', () => {
  it('builds a plain-text reply with threading headers, and an envelope with every recipient once', async () => {
    const mail = await composeMail({
      from: 'Test User <tester@home.example>',
      to: ['bob@example.org'],
      cc: ['anna@example.com', 'bob@example.org'],
      subject: 'Dinner on Friday?',
      body: 'Yes, Friday at 8 works. À vendredi !',
      replyTo: { messageId: '<dinner-2@example.org>', references: ['<dinner-1@home.example>'], subject: 'Dinner on Friday?' },
    });
    expect(mail.envelope).toEqual({ from: 'tester@home.example', to: ['bob@example.org', 'anna@example.com'] });
    expect(mail.subject).toBe('Re: Dinner on Friday?');
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Re: Dinner on Friday?');
    expect(parsed.inReplyTo).toBe('<dinner-2@example.org>');
    expect(parsed.references).toEqual(['<dinner-1@home.example>', '<dinner-2@example.org>']);
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.text?.trim()).toBe('Yes, Friday at 8 works. À vendredi !');
    expect(parsed.date).toBeInstanceOf(Date);
    expect(parsed.html).toBe(false);
  });

  it('a new message has no threading headers and keeps its subject', async () => {
    const mail = await composeMail({ from: 'tester@home.example', to: ['bob@example.org'], cc: [], subject: ' Plans ', body: 'Hello' });
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Plans');
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
  });

  it('puts exactly the recipients the policy judged in the envelope and in To and Cc', async () => {
    const mail = await composeMail({ from: 'tester@home.example', to: ['bob@example.org; anna@example.com'], cc: ['carl@example.net,dan@example.net'], subject: 's', body: 'b' });
    expect(mail.envelope.to).toEqual(['bob@example.org', 'anna@example.com', 'carl@example.net', 'dan@example.net']);
    expect([mail.to, mail.cc]).toEqual([['bob@example.org', 'anna@example.com'], ['carl@example.net', 'dan@example.net']]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.to).toMatchObject({ value: [{ address: 'bob@example.org', name: '' }, { address: 'anna@example.com', name: '' }] });
    expect(parsed.cc).toMatchObject({ value: [{ address: 'carl@example.net', name: '' }, { address: 'dan@example.net', name: '' }] });
  });

  it.each([
    '<evil@evil.test> bob@home.test',
    'evil@evil.test(x@home.test',
    'Anna <anna@example.com>',
    '"evil@evil.test"@home.test',
    'a@b.test, <c@d.test>',
    'x: evil@evil.test;',
    '=?utf-8?Q?bob=40home.test?= <evil@evil.test>',
  ])('refuses %j before building anything: only plain addresses are sent', async (to) => {
    await expect(composeMail({ from: 'tester@home.example', to: [to], cc: [], subject: 's', body: 'b' })).rejects.toThrow(/^to: ".*" is not one plain e-mail address\./s);
    await expect(composeMail({ from: 'tester@home.example', to: ['bob@home.test'], cc: [to], subject: 's', body: 'b' })).rejects.toThrow(/^cc: /);
  });

  it('refuses an account without a usable From address', async () => {
    await expect(composeMail({ from: 'tester', to: ['bob@example.org'], cc: [], subject: 's', body: 'b' })).rejects.toThrow(/from/);
  });
});
