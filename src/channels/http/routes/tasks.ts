import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';
import { toTaskView } from '../wire.js';

const PauseBody = z.object({ paused: z.boolean() });
const NOT_YOURS = 'You have no task with this id.';

/**
 * The caller's own scheduled tasks: `GET /api/tasks`, `POST /api/tasks/:id {paused}` (pause or
 * resume) and `DELETE /api/tasks/:id`.
 */
export function createTasksRouter(deps: HttpDeps): Router {
  const router = Router();

  router.get('/tasks', (_req, res) => {
    const user = requireUser(res);
    if (!deps.tasks) return sendError(res, 404, 'not_found', 'Tasks are not available.');
    res.setHeader('Cache-Control', 'no-store');
    const describe = deps.describeEntity?.bind(deps);
    res.json({ tasks: deps.tasks.list(user.id).map((task) => toTaskView(task, describe)) });
  });

  router.post('/tasks/:id', (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(PauseBody, req.body, res);
    if (!body) return;
    if (!deps.tasks) return sendError(res, 404, 'not_found', 'Tasks are not available.');
    const task = deps.tasks.setPaused(user.id, req.params.id, body.paused);
    if (!task) return sendError(res, 404, 'not_found', NOT_YOURS);
    res.json(toTaskView(task, deps.describeEntity?.bind(deps)));
  });

  router.delete('/tasks/:id', (req, res) => {
    const user = requireUser(res);
    if (!deps.tasks) return sendError(res, 404, 'not_found', 'Tasks are not available.');
    if (!deps.tasks.cancel(user.id, req.params.id)) return sendError(res, 404, 'not_found', NOT_YOURS);
    res.status(204).end();
  });

  return router;
}
