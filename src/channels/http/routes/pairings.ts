import { Router } from 'express';
import { normalizePairingCode } from '../../messenger/pairing-code.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { toPairingView } from '../wire.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';
import { allowedNow } from '../rights-now.js';

/**
 * `GET /api/pairings` and `POST /api/pairings/:code` (confirm): admins only, since a confirmed
 * chat talks to the agent as the person who confirmed it. Confirming asks HA whether the person is
 * an administrator now (rights-now.ts); the list may read the last known answer. Codes are matched
 * whatever their case or dash.
 */
export function createPairingsRouter(deps: HttpDeps): Router {
  const router = Router();

  router.use('/pairings', (req, res, next) => {
    if (!deps.pairings) return sendError(res, 404, 'not_found', t(requestedLanguage(req.query['language'], deps.language), 'pairings.none_on'));
    next();
  });

  router.get('/pairings', async (req, res) => {
    const user = requireUser(res);
    if (!(await deps.isAdmin(user))) return sendError(res, 403, 'forbidden', t(requestedLanguage(req.query['language'], deps.language), 'pairings.admins_only'));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ pairings: (await deps.pairings!.list()).map(toPairingView) });
  });

  router.post('/pairings/:code', async (req, res) => {
    const user = requireUser(res);
    const language = requestedLanguage(req.query['language'], deps.language);
    if (!(await allowedNow(res, deps.isAdminNow, 'pairings.admins_only', language, deps.logger))) return;
    const confirmed = await deps.pairings!.confirm(normalizePairingCode(String(req.params.code)), user.id);
    if (!confirmed) return sendError(res, 404, 'not_found', t(language, 'pairings.no_code'));
    res.json({ pairing: toPairingView(confirmed) });
  });

  return router;
}
