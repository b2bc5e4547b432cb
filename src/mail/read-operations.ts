/** mail_search and mail_read: read-only, on EXAMINEd folders so nothing is marked as seen. */
import { formatAddresses, flagWords, snippetOf, toMessageView, type MessageView } from './message-view.js';
import { fetchMessage, fetchSummaries, inFolder, searchUids } from './mailbox.js';
import { resolveFolderOn, type AccountHandle } from './account-handle.js';
import type { MailSearchFilters } from './search-query.js';

/** One message in a search result. */
export interface SearchHit {
  uid: number;
  from: string;
  subject: string;
  date?: string;
  flags: string[];
  snippet: string;
  has_attachments?: true;
}

/** mail_search's output. */
export interface SearchView {
  account: string;
  folder: string;
  /** How many messages matched (more than `messages` when the limit cut them). */
  total: number;
  messages: SearchHit[];
  note?: string;
}

/** Newest matching messages first, at most `limit`. */
export async function searchMail(
  handle: AccountHandle,
  input: MailSearchFilters & { folder?: string; limit: number },
  signal?: AbortSignal,
): Promise<SearchView> {
  return handle.pool.run(
    `search ${input.folder ?? 'INBOX'}`,
    async (client) => {
      const folder = await resolveFolderOn(client, input.folder);
      return inFolder(client, folder.path, true, async () => {
        const uids = await searchUids(client, input);
        const summaries = await fetchSummaries(client, uids.slice(0, input.limit));
        const messages = summaries.map((s): SearchHit => {
          const hit: SearchHit = {
            uid: s.uid,
            from: formatAddresses(s.parsed.from).join(', ') || (s.envelope?.from?.[0]?.address ?? ''),
            subject: s.parsed.subject ?? s.envelope?.subject ?? '',
            flags: flagWords(s.flags),
            snippet: snippetOf(s.parsed),
          };
          if (s.date) hit.date = s.date.toISOString();
          if (s.hasAttachments) hit.has_attachments = true;
          return hit;
        });
        const view: SearchView = { account: handle.account.name, folder: folder.path, total: uids.length, messages };
        if (uids.length > messages.length) view.note = `${uids.length - messages.length} more matched; narrow the search or raise limit.`;
        return view;
      });
    },
    signal ? { signal } : {},
  );
}

/** One whole message as text, with its attachment list. */
export async function readMail(handle: AccountHandle, input: { uid: number; folder?: string }, signal?: AbortSignal): Promise<MessageView> {
  return handle.pool.run(
    `read message ${input.uid}`,
    async (client) => {
      const folder = await resolveFolderOn(client, input.folder);
      const fetched = await inFolder(client, folder.path, true, () => fetchMessage(client, input.uid, folder.path, handle.maxSourceBytes));
      return toMessageView(fetched.parsed, {
        account: handle.account.name,
        folder: folder.path,
        uid: input.uid,
        flags: [...fetched.flags],
        ...(fetched.date && { date: fetched.date }),
        size: fetched.size,
        ...(fetched.readBytes !== undefined && { readBytes: fetched.readBytes }),
        ...(fetched.structure && { structure: fetched.structure }),
      });
    },
    signal ? { signal } : {},
  );
}
