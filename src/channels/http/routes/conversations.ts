import { Router, type Response } from 'express';
import { z } from 'zod';
import type { UserIdentity } from '../../../contracts/identity.js';
import type { ConversationRecord, HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';
import { toConversationView, toMessageView } from '../wire.js';

const ListQuery = z.object({
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const RenameBody = z.object({
  title: z
    .string()
    .max(200)
    .transform((s) => s.trim())
    .pipe(z.string().min(1)),
});

/** Conversation history for the panel; every route sees only the caller's own conversations. */
export function createConversationsRouter(deps: HttpDeps): Router {
  const router = Router();

  /** The conversation if this user owns it; otherwise answers 404 (no hint that it exists), worded in `?language=` or the option's. */
  async function findOwn(id: string, user: UserIdentity, res: Response): Promise<ConversationRecord | undefined> {
    const conversation = await deps.conversations.get(id);
    if (conversation && conversation.userId === user.id) return conversation;
    sendError(res, 404, 'not_found', t(requestedLanguage(res.req.query['language'], deps.language), 'turn.no_conversation'));
    return undefined;
  }

  router.get('/conversations', async (req, res) => {
    const user = requireUser(res);
    const query = parseOrReject(ListQuery, req.query, res);
    if (!query) return;
    const search = query.search?.trim();
    const rows = await deps.conversations.list({
      userId: user.id,
      limit: query.limit,
      offset: query.offset,
      ...(search && { search }),
    });
    res.json({ conversations: rows.filter((c) => c.userId === user.id).map(toConversationView) });
  });

  router.get('/conversations/:id', async (req, res) => {
    const user = requireUser(res);
    const conversation = await findOwn(req.params.id, user, res);
    if (!conversation) return;
    const messages = await deps.conversations.history(conversation.id);
    res.json({ conversation: toConversationView(conversation), messages: messages.map(toMessageView) });
  });

  router.patch('/conversations/:id', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(RenameBody, req.body, res);
    if (!body) return;
    const conversation = await findOwn(req.params.id, user, res);
    if (!conversation) return;
    await deps.conversations.rename(conversation.id, body.title);
    const updated = (await deps.conversations.get(conversation.id)) ?? { ...conversation, title: body.title };
    res.json({ conversation: toConversationView(updated) });
  });

  router.delete('/conversations/:id', async (req, res) => {
    const user = requireUser(res);
    const conversation = await findOwn(req.params.id, user, res);
    if (!conversation) return;
    await deps.conversations.delete(conversation.id);
    res.json({ ok: true });
  });

  return router;
}
