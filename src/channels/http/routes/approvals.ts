import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';

const ListQuery = z.object({
  status: z.enum(['pending', 'approved', 'denied', 'expired']).optional(),
});

const DecisionBody = z.object({ decision: z.enum(['approve', 'deny']) });

/** Approvals for the panel; without an approvals service there is simply nothing pending. */
export function createApprovalsRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/approvals', async (req, res) => {
    const user = requireUser(res);
    const query = parseOrReject(ListQuery, req.query, res);
    if (!query) return;
    if (!deps.approvals) return res.json({ approvals: [] });
    const approvals = await deps.approvals.list({ user, ...(query.status && { status: query.status }) });
    res.json({ approvals });
  });

  router.post('/approvals/:id', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(DecisionBody, req.body, res);
    if (!body) return;
    const approval = deps.approvals ? await deps.approvals.decide(req.params.id, body.decision, user) : undefined;
    if (approval === undefined) return sendError(res, 404, 'not_found', 'No such approval.');
    res.json({ approval });
  });

  return router;
}
