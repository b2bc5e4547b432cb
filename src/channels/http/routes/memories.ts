import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { toMemoryView } from '../wire.js';

const MemoryId = z.coerce.number().int().positive();

/** `GET /api/memories` (the caller's own, newest first) and `DELETE /api/memories/:id`. */
export function createMemoriesRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/memories', (_req, res) => {
    const user = requireUser(res);
    if (!deps.memories) return sendError(res, 404, 'not_found', 'Memories are not available.');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ memories: deps.memories.list(user.id).map(toMemoryView) });
  });

  router.delete('/memories/:id', (req, res) => {
    const user = requireUser(res);
    if (!deps.memories) return sendError(res, 404, 'not_found', 'Memories are not available.');
    const id = MemoryId.safeParse(req.params.id);
    if (!id.success || !deps.memories.delete(user.id, id.data)) return sendError(res, 404, 'not_found', 'You have no memory with this id.');
    res.status(204).end();
  });

  return router;
}
