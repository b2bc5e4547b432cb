import { Router } from 'express';
import { z } from 'zod';
import type { HttpDeps, TaskSummary, TaskView } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';

/** The wire view of a task. */
export function toTaskView(task: TaskSummary): TaskView {
  const { spec } = task;
  const schedule = spec.kind === 'cron' ? (spec.cron ?? '') : spec.kind === 'at' ? (spec.at ?? '') : JSON.stringify(spec.trigger ?? {});
  return {
    id: task.id,
    prompt: task.prompt,
    kind: spec.kind,
    schedule,
    status: task.status,
    conversation_id: task.conversationId,
    created_at: task.createdAt,
    ...(task.nextRunAt !== undefined && { next_run_at: task.nextRunAt }),
    ...(task.lastRunAt !== undefined && { last_run_at: task.lastRunAt }),
    ...(task.lastOk !== undefined && { last_ok: task.lastOk }),
    ...(task.lastResult !== undefined && { last_result: task.lastResult }),
  };
}

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
    res.json({ tasks: deps.tasks.list(user.id).map(toTaskView) });
  });

  router.post('/tasks/:id', (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(PauseBody, req.body, res);
    if (!body) return;
    if (!deps.tasks) return sendError(res, 404, 'not_found', 'Tasks are not available.');
    const task = deps.tasks.setPaused(user.id, req.params.id, body.paused);
    if (!task) return sendError(res, 404, 'not_found', NOT_YOURS);
    res.json(toTaskView(task));
  });

  router.delete('/tasks/:id', (req, res) => {
    const user = requireUser(res);
    if (!deps.tasks) return sendError(res, 404, 'not_found', 'Tasks are not available.');
    if (!deps.tasks.cancel(user.id, req.params.id)) return sendError(res, 404, 'not_found', NOT_YOURS);
    res.status(204).end();
  });

  return router;
}
