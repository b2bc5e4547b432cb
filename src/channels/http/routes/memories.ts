import { Router, type Response } from 'express';
import { z } from 'zod';
import type { UserIdentity } from '../../../contracts/identity.js';
import type { HttpDeps, MemoriesAccess } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { refuseUnchecked, rightNow } from '../rights-now.js';
import { parseOrReject } from '../validate.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';
import { knownUserNames } from './audit.js';
import { toMemoryView } from '../wire.js';

const MemoryId = z.coerce.number().int().positive();
const ListQuery = z.object({ all: z.enum(['true', 'false']).optional() });
// The same bounds as memory_save's fact.
const EditBody = z.object({ fact: z.string().trim().min(3).max(500) });

/**
 * The memories the model's memory tools keep (one store): `GET /api/memories` (the caller's own,
 * newest first; `?all=true` everyone's, with whose, for administrators), `PATCH
 * /api/memories/:id {fact}` (a correction) and `DELETE /api/memories/:id`. A memory is its
 * owner's; an administrator may correct or forget anyone's, like HA lets them manage its users
 * (asked of HA at that moment: the list's verdict may be a minute old).
 * Refusals are worded in `?language=` (the panel's), else the option language.
 */
export function createMemoriesRouter(deps: HttpDeps): Router {
  const router = Router();

  /**
   * The owner whose memory `id` the caller may change, or undefined (→ 404, whether it exists or
   * not); someone else's only for an administrator as HA says now (rights-now.ts), `unknown` when
   * HA cannot say.
   */
  const ownerFor = async (memories: MemoriesAccess, user: UserIdentity, id: number): Promise<string | undefined | 'unknown'> => {
    const owner = memories.ownerOf(id);
    if (owner === undefined || owner === user.id) return owner;
    const right = await rightNow(deps.isAdminNow, user, deps.logger);
    return right === 'unknown' ? right : right === 'yes' ? owner : undefined;
  };

  const languageOf = (res: Response): string | undefined => requestedLanguage(res.req.query['language'], deps.language);

  const store = (res: Response): MemoriesAccess | undefined => {
    if (!deps.memories) sendError(res, 404, 'not_found', t(languageOf(res), 'memories.unavailable'));
    return deps.memories;
  };

  router.get('/memories', async (req, res) => {
    const user = requireUser(res);
    const query = parseOrReject(ListQuery, req.query, res);
    if (!query) return;
    const memories = store(res);
    if (!memories) return;
    res.setHeader('Cache-Control', 'no-store');
    const admin = await deps.isAdmin(user).catch(() => false);
    if (query.all !== 'true') return res.json({ memories: memories.list(user.id).map((m) => toMemoryView(m)), can_list_everyone: admin });
    if (!admin) return sendError(res, 403, 'forbidden', t(languageOf(res), 'memories.admins_only'));
    const names = await knownUserNames(deps);
    res.json({ memories: memories.listAll().map((m) => toMemoryView(m, { names })), can_list_everyone: true });
  });

  router.patch('/memories/:id', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(EditBody, req.body, res);
    if (!body) return;
    const memories = store(res);
    if (!memories) return;
    const id = MemoryId.safeParse(req.params.id);
    const owner = id.success ? await ownerFor(memories, user, id.data) : undefined;
    if (owner === 'unknown') return refuseUnchecked(res, languageOf(res));
    if (!id.success || owner === undefined) return sendError(res, 404, 'not_found', t(languageOf(res), 'memories.not_yours'));
    if (deps.looksSecret?.(body.fact)) return sendError(res, 422, 'invalid_request', t(languageOf(res), 'memories.secret'));
    const updated = memories.update(owner, id.data, body.fact);
    if (!updated) return sendError(res, 404, 'not_found', t(languageOf(res), 'memories.not_yours'));
    res.json(toMemoryView(updated));
  });

  router.delete('/memories/:id', async (req, res) => {
    const user = requireUser(res);
    const memories = store(res);
    if (!memories) return;
    const id = MemoryId.safeParse(req.params.id);
    const owner = id.success ? await ownerFor(memories, user, id.data) : undefined;
    if (owner === 'unknown') return refuseUnchecked(res, languageOf(res));
    if (!id.success || owner === undefined || !memories.delete(owner, id.data)) return sendError(res, 404, 'not_found', t(languageOf(res), 'memories.not_yours'));
    res.status(204).end();
  });

  return router;
}
