/** The seeded mails of test/fixtures/mail, with CRLF line ends as IMAP stores them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'mail');

/** Fixture names (file names without `.eml`). */
export type MailFixture = 'multipart-alternative' | 'html-only' | 'with-attachments' | 'iso-8859-1' | 'koi8-r' | 'malformed' | 'huge';

/** The raw bytes of a fixture (charsets other than UTF-8 stay as they are). */
export function loadMailFixture(name: MailFixture): Buffer {
  const raw = readFileSync(join(FIXTURES, `${name}.eml`));
  return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** A message of about `bytes` bytes: a short text and one large attachment. */
export function buildLargeMail(bytes: number): Buffer {
  const line = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0'}\r\n`;
  const body = line.repeat(Math.ceil(bytes / line.length));
  return Buffer.from(
    [
      'From: Photo Club <photos@club.example>',
      'To: bob.tester@home.example',
      'Subject: All the photos of the party',
      'Date: Mon, 10 Mar 2025 20:00:00 +0100',
      'Message-ID: <photos-1@club.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="big-1"',
      '',
      '--big-1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here are all the photos from Saturday, in one archive.',
      '',
      '--big-1',
      'Content-Type: application/zip; name="party-photos.zip"',
      'Content-Disposition: attachment; filename="party-photos.zip"',
      'Content-Transfer-Encoding: base64',
      '',
      body,
      '--big-1--',
      '',
    ].join('\r\n'),
  );
}
