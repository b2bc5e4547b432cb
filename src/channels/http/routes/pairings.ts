import { Router } from 'express';
import { normalizePairingCode } from '../../messenger/pairing-code.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { toPairingView } from '../wire.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';

/**
 * `GET /api/pairings` and `POST /api/pairings/:code` (confirm): admins only, since a confirmed
 * chat talks to the agent. Codes are matched whatever their case or dash.
 */
export function createPairingsRouter(deps: HttpDeps): Router {
  const router = Router();

  router.use('/pairings', async (req, res, next) => {
    const user = requireUser(res);
    const language = requestedLanguage(req.query['language'], deps.language);
    if (!deps.pairings) return sendError(res, 404, 'not_found', t(language, 'pairings.none_on'));
    if (!(await deps.isAdmin(user))) return sendError(res, 403, 'forbidden', t(language, 'pairings.admins_only'));
    next();
  });

  router.get('/pairings', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ pairings: (await deps.pairings!.list()).map(toPairingView) });
  });

  router.post('/pairings/:code', async (req, res) => {
    const user = requireUser(res);
    const confirmed = await deps.pairings!.confirm(normalizePairingCode(String(req.params.code)), user.id);
    if (!confirmed) return sendError(res, 404, 'not_found', t(requestedLanguage(req.query['language'], deps.language), 'pairings.no_code'));
    res.json({ pairing: toPairingView(confirmed) });
  });

  return router;
}
