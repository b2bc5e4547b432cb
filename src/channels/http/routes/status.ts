import { Router } from 'express';
import type { StatusReport } from '../../socket/protocol.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { requestedLanguage } from '../requested-language.js';


/** `GET /api/status`: what the panel's status page shows, for any signed-in user; the security check for admins only. */
export function createStatusRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/status', async (req, res) => {
    const user = requireUser(res);
    if (!deps.status) return sendError(res, 404, 'not_found', 'No status is available.');
    // The status page matters most while HA is down, when HA cannot say who is an admin.
    const [system, isAdmin] = await Promise.all([deps.status(), deps.isAdmin(user).catch(() => false)]);
    // How this home could be attacked is for the people who can change it.
    const security =
      isAdmin && deps.securityCheck
        ? await deps.securityCheck(requestedLanguage(req.query['language'], system.language)).catch((err: unknown) => {
            deps.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'the security check failed');
            return undefined;
          })
        : undefined;
    const report: StatusReport = {
      ...system,
      user: {
        id: user.id,
        ...(user.name !== undefined && { name: user.name }),
        ...(user.displayName !== undefined && { display_name: user.displayName }),
        is_admin: isAdmin,
      },
      approvals: { enabled: deps.approvals !== undefined },
      ...(security && { security: { checks: security } }),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });
  return router;
}
