import { Router } from 'express';
import type { StatusReport } from '../../socket/protocol.js';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';

/** `GET /api/status`: what the panel's status page shows, for any signed-in user. */
export function createStatusRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/status', async (_req, res) => {
    const user = requireUser(res);
    if (!deps.status) return sendError(res, 404, 'not_found', 'No status is available.');
    // The status page matters most while HA is down, when HA cannot say who is an admin.
    const [system, isAdmin] = await Promise.all([deps.status(), deps.isAdmin(user).catch(() => false)]);
    const report: StatusReport = {
      ...system,
      user: {
        id: user.id,
        ...(user.name !== undefined && { name: user.name }),
        ...(user.displayName !== undefined && { display_name: user.displayName }),
        is_admin: isAdmin,
      },
      approvals: { enabled: deps.approvals !== undefined },
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });
  return router;
}
