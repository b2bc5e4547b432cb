import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { allowedNow } from '../rights-now.js';
import { parseOrReject } from '../validate.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';

const RestoreBody = z.object({ version: z.number().int().min(1) });
const Kind = z.enum(['automation', 'script']);

/**
 * The kept versions of the automations and scripts Majordome changed (admins only, as HA's own
 * editors): `GET /api/config-versions`, and `POST /api/config-versions/:kind/:id/restore {version}`,
 * which starts the restore as the person's own call: asked for (`202`, the approval follows in
 * the approvals list) and audited like any other. A restore asks HA whether the person is an
 * administrator now (rights-now.ts); the list may read the last known answer.
 */
export function createConfigVersionsRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/config-versions', async (req, res) => {
    const user = requireUser(res);
    const language = requestedLanguage(req.query['language'], deps.language);
    if (!deps.configVersions) return sendError(res, 404, 'not_found', t(language, 'versions.unavailable'));
    if (!(await deps.isAdmin(user))) return sendError(res, 403, 'forbidden', t(language, 'versions.admins_only'));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: deps.configVersions.recent() });
  });

  router.post('/config-versions/:kind/:id/restore', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(RestoreBody, req.body, res);
    if (!body) return;
    const language = requestedLanguage(req.query['language'], deps.language);
    const kind = Kind.safeParse(req.params.kind);
    if (!kind.success) return sendError(res, 404, 'not_found', t(language, 'versions.no_kind'));
    const { configVersions } = deps;
    if (!configVersions) return sendError(res, 404, 'not_found', t(language, 'versions.unavailable'));
    if (!(await allowedNow(res, deps.isAdminNow, 'versions.admins_only', language, deps.logger))) return;
    configVersions.restore(user, kind.data, req.params.id, body.version);
    res.status(202).json({ started: true });
  });

  return router;
}
