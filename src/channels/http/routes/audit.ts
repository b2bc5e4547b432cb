import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';
import { toAuditView } from '../wire.js';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Paging: only entries with an id below this one. */
  before: z.coerce.number().int().min(1).optional(),
  kind: z.string().min(1).max(40).optional(),
});

/** HA's user names, or none when HA cannot say right now: the log still shows, with ids. */
export async function knownUserNames(deps: Pick<HttpDeps, 'userNames'>): Promise<ReadonlyMap<string, string> | undefined> {
  try {
    return await deps.userNames?.();
  } catch {
    return undefined;
  }
}

/** `GET /api/audit`: the audit log, newest first, for HA administrators only. */
export function createAuditRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const user = requireUser(res);
    if (!(await deps.isAdmin(user))) {
      return sendError(res, 403, 'forbidden', 'The audit log is for Home Assistant administrators.');
    }
    const query = parseOrReject(AuditQuery, req.query, res);
    if (!query) return;
    const entries = await deps.audit.list({
      limit: query.limit,
      ...(query.before !== undefined && { before: query.before }),
      ...(query.kind !== undefined && { kind: query.kind }),
    });
    const names = await knownUserNames(deps);
    res.json({ entries: entries.map((entry) => toAuditView(entry, names)) });
  });
  return router;
}
