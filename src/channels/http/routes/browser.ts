import { Router } from 'express';
import { describeError, MajordomeError } from '../../../errors.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { requestedLanguage } from '../requested-language.js';
import { allowedNow } from '../rights-now.js';

/** Cookie exports of a well-used browser profile run to a few hundred kilobytes. */
export const COOKIE_BODY_LIMIT = '2mb';

/**
 * `/api/browser/…` (mounted at `/api/browser`, behind identity):
 * `GET /screenshots/:id`, a browser_screenshot's PNG, for the conversation's owner or an
 * administrator; `POST /cookies`, a cookie export added to the browser's profile, for
 * administrators only, as HA says now (rights-now.ts; cookies are logins: they never pass through
 * the model). 404 when the browser is off.
 */
export function createBrowserRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/screenshots/:id', async (req, res) => {
    const user = requireUser(res);
    const shot = deps.browser?.readScreenshot(req.params.id);
    const conversation = shot && (await deps.conversations.get(shot.conversationId));
    const mayView = shot && (conversation?.userId === user.id || (await deps.isAdmin(user)));
    if (!shot || !mayView) return sendError(res, 404, 'not_found', 'No such screenshot.');
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.type('png').send(shot.png);
  });

  router.post('/cookies', async (req, res) => {
    const user = requireUser(res);
    if (!deps.browser) return sendError(res, 404, 'not_found', 'The browser is off (option browser_enabled).');
    if (!(await allowedNow(res, deps.isAdminNow, 'browser.cookies_admins_only', requestedLanguage(req.query['language'], deps.language), deps.logger))) return;
    try {
      const outcome = await deps.browser.importCookieExport(req.body);
      if (!outcome.ok) return sendError(res, 400, 'invalid_request', outcome.error);
      deps.logger?.warn({ by: user.id, cookies: outcome.imported, sites: outcome.sites.length }, 'browser cookies imported');
      res.json({ imported: outcome.imported, sites: outcome.sites });
    } catch (err) {
      const message = err instanceof MajordomeError ? err.message : 'The browser could not take the cookies.';
      deps.logger?.error({ err: describeError(err) }, 'cookie import failed');
      sendError(res, 503, 'tool_failed', message);
    }
  });
  return router;
}
