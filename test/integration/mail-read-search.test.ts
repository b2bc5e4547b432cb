import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailFixture } from '../support/mail-fixtures.js';
import { buildLargeMail } from '../support/mail-fixtures.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { accountFor, captureLog, dovecotMissingReason, mailKit, seedInbox, serverFlags, type MailKit } from './mail-harness.js';

const skip = dovecotMissingReason();
if (skip) console.warn(`mail integration tests skipped: ${skip}`);

interface Hit {
  uid: number;
  from: string;
  subject: string;
  flags: string[];
  snippet: string;
  has_attachments?: true;
}

describe.skipIf(skip !== undefined)('mail_search and mail_read against a real dovecot', () => {
  let dovecot: Dovecot;
  let kit: MailKit;
  let uid: Record<MailFixture, number>;

  beforeAll(async () => {
    dovecot = await startDovecot({ folders: ['Invoices', 'Family/School'] });
    uid = await seedInbox(dovecot);
    kit = mailKit([accountFor(dovecot)], captureLog().logger);
  });
  afterAll(async () => {
    await kit?.mail.stop();
    await dovecot?.stop();
  });

  it('lists unread mail newest first with sender, subject, date and a snippet, marked untrusted, without marking it read', async () => {
    const result = await kit.call('mail_search', { unseen: true });
    expect(result.ok).toBe(true);
    expect(kit.tools['mail_search']?.untrusted).toBe(true);
    const output = result.output as { folder: string; total: number; messages: Hit[] };
    expect(output.folder).toBe('INBOX');
    expect(output.messages.map((m) => m.uid)).toEqual([uid['koi8-r'], uid['html-only'], uid['multipart-alternative']]);
    expect(output.messages[2]).toMatchObject({
      from: 'Bob Martin <bob@example.org>',
      subject: 'Dinner on Friday?',
      date: '2025-03-04T17:12:00.000Z',
      flags: [],
      snippet: expect.stringMatching(/^Hi! Are you free for dinner on Friday at 8\?/),
    });
    expect(output.messages[1]?.snippet).toMatch(/^TRIP TO THE SCIENCE MUSEUM Dear parents/);
    expect(result.summary).toBe('3 messages in INBOX');
    expect(result).toMatchObject({ untrusted: true, taintSource: 'the subjects and snippets of mails in INBOX' });
    // What a French speaker's approval says the conversation read.
    expect((await kit.call('mail_search', { unseen: true }, 'fr')).taintSource).toBe('les objets et extraits de mails dans INBOX');
    expect(await serverFlags(dovecot, uid['multipart-alternative'])).toEqual([]);
  });

  it('finds mail by every word of a query, by sender and by date, and says when the limit cut the list', async () => {
    const invoice = (await kit.call('mail_search', { query: 'invoice march' })).output as { messages: Hit[] };
    expect(invoice.messages).toEqual([expect.objectContaining({ uid: uid['with-attachments'], has_attachments: true, flags: ['seen'] })]);
    const accented = (await kit.call('mail_search', { query: 'copropriété "salle des fêtes"' })).output as { messages: Hit[] };
    expect(accented.messages.map((m) => m.uid)).toEqual([uid['iso-8859-1']]);
    const none = await kit.call('mail_search', { query: 'invoice bicycles' });
    expect(none).toMatchObject({ ok: true, output: { total: 0, messages: [] }, summary: 'No matching mail in INBOX' });
    const fromBob = (await kit.call('mail_search', { from: 'bob@example.org' })).output as { messages: Hit[] };
    expect(fromBob.messages.map((m) => m.uid)).toEqual([uid['multipart-alternative']]);
    const recent = (await kit.call('mail_search', { since: '2025-01-01', limit: 2 })).output as { total: number; messages: Hit[]; note?: string };
    expect(recent.total).toBe(7);
    expect(recent.messages).toHaveLength(2);
    expect(recent.note).toBe('5 more matched; narrow the search or raise limit.');
  });

  it('reads a multipart/alternative mail as its plain text, with the headers that matter, still unread', async () => {
    const result = await kit.call('mail_read', { uid: uid['multipart-alternative'] });
    expect(kit.tools['mail_read']?.untrusted).toBe(true);
    expect(result).toMatchObject({ untrusted: true, taintSource: 'a mail from Bob Martin <bob@example.org>' });
    expect(result.output).toMatchObject({
      uid: uid['multipart-alternative'],
      folder: 'INBOX',
      from: 'Bob Martin <bob@example.org>',
      to: ['Test User <bob.tester@home.example>'],
      subject: 'Dinner on Friday?',
      message_id: '<dinner-2@mail.example.org>',
      attachments: [],
      text: expect.stringContaining('Let me know before Thursday so I can book a table.'),
    });
    expect(await serverFlags(dovecot, uid['multipart-alternative'])).toEqual([]);
  });

  it('reads HTML-only mail as text, lists attachments, and decodes ISO-8859-1 and KOI8-R', async () => {
    const html = (await kit.call('mail_read', { uid: uid['html-only'] })).output as { text: string };
    expect(html.text).toContain('Thursday 13 March');
    expect(html.text).not.toMatch(/<p>|alert\(/);
    const invoice = (await kit.call('mail_read', { uid: uid['with-attachments'] })).output as { attachments: unknown[] };
    expect(invoice.attachments).toEqual([
      { filename: 'invoice-2025-03.pdf', content_type: 'application/pdf', size: 125 },
      { filename: 'logo.png', content_type: 'image/png', size: 66 },
    ]);
    const latin = (await kit.call('mail_read', { uid: uid['iso-8859-1'] })).output as { subject: string; text: string };
    expect(latin.subject).toBe('Réunion de copropriété : ordre du jour');
    expect(latin.text).toContain('ravalement de façade');
    const russian = (await kit.call('mail_read', { uid: uid['koi8-r'] })).output as { text: string };
    expect(russian.text).toBe('Привет! Как дела? Увидимся в субботу.');
  });

  it('reads malformed MIME as far as it goes, with a note instead of a failure', async () => {
    const result = await kit.call('mail_read', { uid: uid.malformed });
    expect(result.ok).toBe(true);
    expect(result.output).toMatchObject({
      text: expect.stringContaining('Your parcel is waiting at the depot.'),
      notes: [expect.stringMatching(/could not be decoded/)],
    });
  });

  it('cuts a long body with a note', async () => {
    const result = (await kit.call('mail_read', { uid: uid.huge })).output as { text: string; notes: string[] };
    expect(result.text.startsWith('Paragraph 1: ')).toBe(true);
    expect(result.text).not.toContain('THE END OF THE NEWSLETTER');
    expect(result.notes).toEqual([expect.stringMatching(/^The body is \d+ characters long; only the first \d+ are shown\.$/)]);
  });

  it('reads only the start of a message of several megabytes, saying so, and still lists its attachment', async () => {
    const [big] = await dovecot.seed([{ raw: buildLargeMail(5_000_000) }]);
    const result = await kit.call('mail_read', { uid: big });
    expect(result.output).toMatchObject({
      text: 'Here are all the photos from Saturday, in one archive.',
      attachments: [{ filename: 'party-photos.zip', content_type: 'application/zip', size: expect.any(Number) }],
      notes: [expect.stringMatching(/^The message is 4\.\d MB; only its first 4\.0 MB were read/)],
    });
  });

  it('gives clear errors for an unknown uid, folder or account', async () => {
    expect(await kit.call('mail_read', { uid: 9999 })).toMatchObject({
      ok: false,
      output: { error: 'No message with uid 9999 in INBOX (it may have been moved or deleted). Use mail_search to find it.' },
    });
    const folder = await kit.call('mail_search', { folder: 'Receipts' });
    expect(folder).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^No folder "Receipts"\. Folders: INBOX, .*Invoices.*\.$/) } });
    expect(await kit.call('mail_search', { account: 'work' })).toMatchObject({ ok: false, output: { error: 'No mail account named "work". Accounts: home.' } });
  });

  it('searches other folders by the words people use ("sent", "school")', async () => {
    expect(await kit.call('mail_search', { folder: 'sent' })).toMatchObject({ ok: true, output: { folder: 'Sent Messages', total: 0 } });
    expect(await kit.call('mail_search', { folder: 'school' })).toMatchObject({ ok: true, output: { folder: 'Family/School' } });
  });
});

describe.skipIf(skip !== undefined)('mail_move and mail_mark against a real dovecot', () => {
  let dovecot: Dovecot;
  let kit: MailKit;
  let uid: Record<MailFixture, number>;

  beforeAll(async () => {
    dovecot = await startDovecot({ folders: ['Invoices'] });
    uid = await seedInbox(dovecot);
    kit = mailKit([accountFor(dovecot)], captureLog().logger);
  });
  afterAll(async () => {
    await kit?.mail.stop();
    await dovecot?.stop();
  });

  it('files a message in another folder, where it keeps its content', async () => {
    const result = await kit.call('mail_move', { uid: uid['with-attachments'], folder: 'invoices' });
    expect(result).toMatchObject({ ok: true, output: { from_folder: 'INBOX', to_folder: 'Invoices', new_uid: expect.any(Number) } });
    expect(result.summary).toBe(`Moved message ${uid['with-attachments']} from INBOX to Invoices`);
    const moved = (result.output as { new_uid: number }).new_uid;
    expect(await kit.call('mail_read', { uid: uid['with-attachments'] })).toMatchObject({ ok: false });
    expect(await kit.call('mail_read', { uid: moved, folder: 'Invoices' })).toMatchObject({ ok: true, output: { subject: 'Your invoice for March' } });
    expect(await kit.call('mail_move', { uid: moved, from_folder: 'Invoices', folder: 'archive' })).toMatchObject({ ok: true, output: { to_folder: 'Archive' } });
  });

  it('never moves mail to the trash, and names unknown uids and folders', async () => {
    expect(await kit.call('mail_move', { uid: uid['html-only'], folder: 'Trash' })).toMatchObject({
      ok: false,
      output: { error: expect.stringMatching(/can end in its deletion, and Majordome never deletes mail/) },
    });
    expect(await kit.call('mail_move', { uid: uid['html-only'], folder: 'bin' })).toMatchObject({ ok: false });
    expect(await kit.call('mail_move', { uid: 4242, folder: 'Archive' })).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^No message with uid 4242 in INBOX/) } });
    expect(await kit.call('mail_move', { uid: uid['html-only'], folder: 'Nowhere' })).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^No folder "Nowhere"/) } });
    expect(await serverFlags(dovecot, uid['html-only'])).toEqual([]);
  });

  it('marks mail read and flagged, and back', async () => {
    const target = uid['koi8-r'];
    expect(await kit.call('mail_mark', { uid: target, seen: true, flagged: true })).toMatchObject({
      ok: true,
      output: { flags: expect.arrayContaining(['seen', 'flagged']) },
      summary: `Message ${target} in INBOX marked read and flagged`,
    });
    expect(await serverFlags(dovecot, target)).toEqual(['\\Flagged', '\\Seen']);
    await kit.call('mail_mark', { uid: target, seen: false });
    expect(await serverFlags(dovecot, target)).toEqual(['\\Flagged']);
    expect(await kit.call('mail_mark', { uid: 4242, seen: true })).toMatchObject({ ok: false, output: { error: expect.stringMatching(/^No message with uid 4242/) } });
  });

  it('mail_mark needs something to change', () => {
    expect(kit.tools['mail_mark']?.input.safeParse({ uid: 1 }).success).toBe(false);
  });
});
