import { Router } from 'express';
import { t } from '../../../messages/messages.js';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { requestedLanguage } from '../requested-language.js';
import { allowedNow } from '../rights-now.js';
import { parseOrReject } from '../validate.js';
import { toRuleView } from '../wire.js';

const CreateBody = z.object({ approval_id: z.string().trim().min(1).max(200) });
const RuleId = z.coerce.number().int().positive();

/** The pending approval `id` among the views the approvals service lists, read defensively. */
export function findPendingApproval(views: readonly unknown[], id: string): { tool: string; input: unknown } | undefined {
  for (const view of views) {
    if (!view || typeof view !== 'object') continue;
    const record = view as { id?: unknown; tool?: unknown; input?: unknown; status?: unknown };
    if (record.id === id && record.status === 'pending' && typeof record.tool === 'string') return { tool: record.tool, input: record.input };
  }
  return undefined;
}

/**
 * Saved rules: `GET /api/rules` (anyone signed in; `can_manage` says whether they may change them),
 * `POST /api/rules {approval_id}` ("Always allow": saves the allow rule for that pending call and
 * approves it; refused, 422 with the reason, for locks, alarm panels, garage doors and gates) and
 * `DELETE /api/rules/:id`, for approvers as HA says now (rights-now.ts: not the page's verdict,
 * which may be a minute old). Refusals are worded in `?language=` (the panel's), else
 * the option language.
 */
export function createRulesRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/rules', async (req, res) => {
    const user = requireUser(res);
    if (!deps.rules) return sendError(res, 404, 'not_found', t(requestedLanguage(req.query['language'], deps.language), 'rules.unavailable'));
    const [rules, canManage] = await Promise.all([deps.rules.list(), deps.rules.mayManage(user).catch(() => false)]);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ rules: rules.map(toRuleView), can_manage: canManage });
  });

  router.post('/rules', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(CreateBody, req.body, res);
    if (!body) return;
    const language = requestedLanguage(req.query['language'], deps.language);
    const { rules, approvals } = deps;
    if (!rules || !approvals) return sendError(res, 404, 'not_found', t(language, 'rules.unavailable'));
    if (!(await rules.mayManage(user))) return sendError(res, 403, 'forbidden', t(language, 'rules.approvers_only'));
    const call = findPendingApproval(await approvals.list({ user, status: 'pending' }), body.approval_id);
    if (!call) return sendError(res, 404, 'not_found', t(language, 'rules.no_pending'));
    const built = rules.allowRuleFor(call, language);
    if (!built.ok) return sendError(res, 422, 'invalid_request', built.reason);
    // Approve first: if someone decided in the meantime, this throws (worded in `language`) and nothing is saved.
    const approval = await approvals.decide(body.approval_id, 'approve', user, undefined, language);
    if (approval === undefined) return sendError(res, 404, 'not_found', t(language, 'rules.no_pending'));
    const rule = await rules.add({ effect: 'allow', tool: built.tool, match: built.match, note: `Always allow, from approval ${body.approval_id}` }, user);
    res.status(201).json({ rule: toRuleView(rule), approval });
  });

  router.delete('/rules/:id', async (req, res) => {
    const user = requireUser(res);
    const language = requestedLanguage(req.query['language'], deps.language);
    const { rules } = deps;
    if (!rules) return sendError(res, 404, 'not_found', t(language, 'rules.unavailable'));
    if (!(await allowedNow(res, (person) => rules.mayManageNow(person), 'rules.approvers_only', language, deps.logger))) return;
    const id = RuleId.safeParse(req.params.id);
    if (!id.success || !(await rules.remove(id.data, user))) return sendError(res, 404, 'not_found', t(language, 'rules.no_rule'));
    res.status(204).end();
  });

  return router;
}
