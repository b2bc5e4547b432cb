/** The lines people read on the mail tools' cards, in their language; the model's output stays English. */
import { t } from '../../messages/messages.js';
import { clip } from './tool-support.js';

/** "3 messages in INBOX", or that nothing matched. */
export function searchLine(view: { total: number; folder: string }, language?: string): string {
  if (view.total === 0) return t(language, 'mail.none_found', { folder: view.folder });
  return t(language, view.total === 1 ? 'mail.found_one' : 'mail.found', { count: view.total, folder: view.folder });
}

/** "the subjects and snippets of mails in INBOX": what a search showed, finishing "after reading …". */
export function searchTaintSource(view: { total: number; folder: string }, language?: string): string {
  return t(language, view.total === 1 ? 'taint.mail_search_one' : 'taint.mail_search', { folder: view.folder });
}

/** "Read “Dinner”". */
export function readLine(view: { subject: string }, language?: string): string {
  return t(language, 'mail.read', { subject: clip(view.subject || t(language, 'mail.no_subject')) });
}

/** "Sent “Dinner” to anna@example.com". */
export function sentLine(view: { subject: string; to: readonly string[]; cc: readonly string[] }, language?: string): string {
  return t(language, 'mail.sent', { subject: clip(view.subject), to: clip([...view.to, ...view.cc].join(', '), 80) });
}

/** "Moved message 12 from INBOX to Archive". */
export function movedLine(view: { uid: number; from_folder: string; to_folder: string }, language?: string): string {
  return t(language, 'mail.moved', { uid: view.uid, from: view.from_folder, to: view.to_folder });
}

/** "Message 12 in INBOX marked read and flagged". */
export function markedLine(view: { uid: number; folder: string }, seen: boolean | undefined, flagged: boolean | undefined, language?: string): string {
  const words = [
    ...(seen === undefined ? [] : [t(language, seen ? 'mail.mark_read' : 'mail.mark_unread')]),
    ...(flagged === undefined ? [] : [t(language, flagged ? 'mail.mark_flagged' : 'mail.mark_unflagged')]),
  ];
  const marks = words.length === 2 ? t(language, 'words.and', { first: words[0] ?? '', last: words[1] ?? '' }) : words.join('');
  return t(language, 'mail.marked', { uid: view.uid, folder: view.folder, marks });
}
