import { Router } from 'express';
import { t } from '../../../messages/messages.js';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { requestedLanguage } from '../requested-language.js';
import { parseOrReject } from '../validate.js';

const ListQuery = z.object({
  status: z.enum(['pending', 'approved', 'denied', 'expired']).optional(),
});

const DecisionBody = z.object({ decision: z.enum(['approve', 'deny']) });

/**
 * A pending approval says whether "Always allow" could save a rule for it, so the panel offers the
 * button only where it works (never on a lock, an alarm panel, a garage door or a gate).
 */
function withRuleSavable(deps: HttpDeps, approval: unknown): unknown {
  if (!deps.rules || !approval || typeof approval !== 'object') return approval;
  const view = approval as { status?: unknown; tool?: unknown; input?: unknown };
  if (view.status !== 'pending' || typeof view.tool !== 'string') return approval;
  return { ...approval, rule_savable: deps.rules.allowRuleFor({ tool: view.tool, input: view.input }).ok };
}

/** Approvals for the panel; without an approvals service there is simply nothing pending. */
export function createApprovalsRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/approvals', async (req, res) => {
    const user = requireUser(res);
    const query = parseOrReject(ListQuery, req.query, res);
    if (!query) return;
    if (!deps.approvals) return res.json({ approvals: [] });
    // `?language=`: the reader's (the panel's), so an approver reads what and why in theirs, not in the requester's.
    const language = requestedLanguage(req.query['language']);
    const approvals = await deps.approvals.list({ user, ...(query.status && { status: query.status }), language });
    res.json({ approvals: approvals.map((approval) => withRuleSavable(deps, approval)) });
  });

  router.post('/approvals/:id', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(DecisionBody, req.body, res);
    if (!body) return;
    // `?language=`: the panel's language, for the refusal it shows (already decided, not an approver) and the approval it gets back.
    const language = requestedLanguage(req.query['language'], deps.language);
    const approval = deps.approvals ? await deps.approvals.decide(req.params.id, body.decision, user, undefined, language) : undefined;
    if (approval === undefined) return sendError(res, 404, 'not_found', t(language, 'approval.not_found'));
    res.json({ approval });
  });

  return router;
}
