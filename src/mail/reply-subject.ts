/** The subject of a reply; shared with the approval summary so the approver sees the subject that will be sent. */

const REPLY_PREFIX = /^\s*(re|aw|sv|antw|ré|réf|rif)\s*(\[\d+\])?\s*:/i;

/** `Re: <subject>` unless it already starts with a reply prefix (Re:, AW:, SV:, Réf: …). */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}
