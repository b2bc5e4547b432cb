import { Router } from 'express';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { isLoopbackAddress } from '../peer.js';

/** `GET /api/health`: no identity, but only for loopback peers (the container's own checks). */
export function createHealthRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      return sendError(res, 403, 'forbidden', 'Health is only reported to local callers.');
    }
    const report = await deps.health();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ok ? 200 : 503).json(report);
  });
  return router;
}
