import { Router } from 'express';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';

/** `GET /api/usage`: model usage today and over the last 30 days, per model, and the budget; any signed-in user. */
export function createUsageRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/usage', async (_req, res) => {
    requireUser(res);
    if (!deps.usage) return sendError(res, 404, 'not_found', 'Usage is not counted on this server.');
    const report = await deps.usage();
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });
  return router;
}
