import { describe, expect, it } from 'vitest';
import { findSentFolder, isDeletionFolder, resolveFolder, type FolderInfo } from '../../../src/mail/folders.js';
import { MailError } from '../../../src/mail/mail-error.js';

const folders: FolderInfo[] = [
  { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
  { path: 'Sent Messages', name: 'Sent Messages', specialUse: '\\Sent' },
  { path: 'Trash', name: 'Trash', specialUse: '\\Trash' },
  { path: 'Junk', name: 'Junk', specialUse: '\\Junk' },
  { path: 'Archive', name: 'Archive', specialUse: '\\Archive' },
  { path: 'Family/School', name: 'School' },
  { path: 'Invoices', name: 'Invoices' },
];

describe('resolveFolder: folder names as people say them', () => {
  it.each([
    ['INBOX', 'INBOX'],
    ['inbox', 'INBOX'],
    ['Invoices', 'Invoices'],
    ['invoices', 'Invoices'],
    ['school', 'Family/School'],
    ['family/school', 'Family/School'],
    ['sent', 'Sent Messages'],
    ['Sent Items', 'Sent Messages'],
    ['spam', 'Junk'],
    ['archive', 'Archive'],
  ])('"%s" is %s', (wanted, path) => {
    expect(resolveFolder(folders, wanted).path).toBe(path);
  });

  it('an unknown folder is a not_found error that lists the folders', () => {
    const attempt = () => resolveFolder(folders, 'Receipts');
    expect(attempt).toThrow(MailError);
    expect(attempt).toThrow(/No folder "Receipts"\. Folders: INBOX, Sent Messages, .*Invoices/);
    try {
      attempt();
    } catch (err) {
      expect((err as MailError).code).toBe('not_found');
    }
  });
});

describe('findSentFolder', () => {
  it('prefers the SPECIAL-USE \\Sent folder whatever its name', () => {
    expect(findSentFolder([...folders, { path: 'Sent', name: 'Sent' }])?.path).toBe('Sent Messages');
  });

  it('falls back to a folder named "Sent" when the server marks none', () => {
    expect(findSentFolder([{ path: 'INBOX', name: 'INBOX' }, { path: 'INBOX.Sent', name: 'Sent' }])?.path).toBe('INBOX.Sent');
  });

  it('is undefined when there is neither', () => {
    expect(findSentFolder([{ path: 'INBOX', name: 'INBOX' }])).toBeUndefined();
  });
});

describe('isDeletionFolder', () => {
  it('is true for the trash only', () => {
    expect(folders.filter(isDeletionFolder).map((f) => f.path)).toEqual(['Trash']);
  });
});
