import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { attachmentsFromStructure, cutText, flagWords, toMessageView } from '../../../src/mail/message-view.js';
import { loadMailFixture, type MailFixture } from '../../support/mail-fixtures.js';

const meta = { account: 'home', folder: 'INBOX', uid: 7, flags: ['\\Seen', '\\Recent', '$Label1'], size: 1000 };

async function view(name: MailFixture, maxChars?: number) {
  return toMessageView(await simpleParser(loadMailFixture(name)), meta, maxChars);
}

describe('mail as the model reads it', () => {
  it('takes the plain part of a multipart/alternative mail', async () => {
    const mail = await view('multipart-alternative');
    expect(mail).toMatchObject({ from: 'Bob Martin <bob@example.org>', subject: 'Dinner on Friday?', message_id: '<dinner-2@mail.example.org>', attachments: [] });
    expect(mail.text).toMatch(/^Hi!\n\nAre you free for dinner on Friday at 8\?/);
    expect(mail.text).not.toContain('<b>');
  });

  it('turns an HTML-only mail into text without its styles or scripts', async () => {
    const mail = await view('html-only');
    expect(mail.from).toBe('École Jules Ferry <secretariat@ecole.example>');
    expect(mail.text).toContain('Please sign the\npermission slip and return it by Monday.');
    expect(mail.text).toContain('Cost: 12 €');
    expect(mail.text).not.toMatch(/<|alert|color: #333/);
  });

  it('lists attachments by name, type and size, never their content', async () => {
    const mail = await view('with-attachments');
    expect(mail.attachments).toEqual([
      { filename: 'invoice-2025-03.pdf', content_type: 'application/pdf', size: 125 },
      { filename: 'logo.png', content_type: 'image/png', size: 66 },
    ]);
    expect(JSON.stringify(mail)).not.toContain('%PDF');
  });

  it('decodes ISO-8859-1 and KOI8-R', async () => {
    expect((await view('iso-8859-1')).text).toContain('La réunion annuelle aura lieu le jeudi 20 mars à 18h30, salle des fêtes.');
    expect((await view('iso-8859-1')).subject).toBe('Réunion de copropriété : ordre du jour');
    const russian = await view('koi8-r');
    expect([russian.from, russian.subject, russian.text]).toEqual(['Пётр Иванов <petr@example.ru>', 'Привет!', 'Привет! Как дела? Увидимся в субботу.']);
  });

  it('reads what it can of malformed MIME and says when characters were lost', async () => {
    const mail = await view('malformed');
    expect(mail.text).toContain('Your parcel is waiting at the depot.');
    expect(mail.notes).toEqual([expect.stringMatching(/could not be decoded/)]);
  });

  it('cuts a long body with a note giving its length', async () => {
    const mail = await view('huge', 5000);
    expect(mail.text.length).toBeLessThan(5100);
    expect(mail.text).toMatch(/^Paragraph 1: /);
    expect(mail.text).not.toContain('THE END OF THE NEWSLETTER');
    expect(mail.notes?.[0]).toMatch(/^The body is \d+ characters long; only the first \d+ are shown\.$/);
  });

  it('shows flags as words, without \\Recent', async () => {
    expect(flagWords(['\\Seen', '\\Flagged', '\\Answered', '\\Recent', '$Label1'])).toEqual(['seen', 'flagged', 'answered', '$Label1']);
    expect((await view('multipart-alternative')).flags).toEqual(['seen', '$Label1']);
  });
});

describe('cutText', () => {
  it('leaves short text alone and prefers to cut at a line break', () => {
    expect(cutText('short', 10)).toEqual({ text: 'short' });
    const cut = cutText(`${'a'.repeat(90)}\n${'b'.repeat(50)}`, 100);
    expect(cut.text).toBe(`${'a'.repeat(90)}\n[…]`);
  });
});

describe('attachmentsFromStructure (used when a huge message is read only in part)', () => {
  it('finds attachments in nested parts and estimates their decoded size', () => {
    expect(
      attachmentsFromStructure({
        type: 'multipart/mixed',
        childNodes: [
          { type: 'text/plain', size: 20 },
          { type: 'application/zip', disposition: 'attachment', dispositionParameters: { filename: 'photos.zip' }, encoding: 'base64', size: 4000 },
          { type: 'image/jpeg', parameters: { name: 'cat.jpg' }, encoding: 'base64', size: 400 },
        ],
      }),
    ).toEqual([
      { filename: 'photos.zip', content_type: 'application/zip', size: 3000 },
      { filename: 'cat.jpg', content_type: 'image/jpeg', size: 300 },
    ]);
  });
});
