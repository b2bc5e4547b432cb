import { Router, type Request } from 'express';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { sendError } from '../http-errors.js';
import { requireUser } from '../identity.js';
import { parseOrReject } from '../validate.js';
import { t } from '../../../messages/messages.js';
import { requestedLanguage } from '../requested-language.js';
import { toTaskView } from '../wire.js';

const PauseBody = z.object({ paused: z.boolean() });

/**
 * The caller's own scheduled tasks: `GET /api/tasks`, `POST /api/tasks/:id {paused}` (pause or
 * resume) and `DELETE /api/tasks/:id`. Refusals, and a state trigger's states (`trigger_words`,
 * HA's words), are in `?language=` (the panel's), else the option language.
 */
export function createTasksRouter(deps: HttpDeps): Router {
  const router = Router();
  const languageOf = (req: Request): string | undefined => requestedLanguage(req.query['language'], deps.language);

  // A state trigger's states in HA's words for the asking panel; without them, as HA names them.
  const wordingOf = async (req: Request) => deps.wordStates?.(languageOf(req)).catch(() => undefined);

  router.get('/tasks', async (req, res) => {
    const user = requireUser(res);
    if (!deps.tasks) return sendError(res, 404, 'not_found', t(languageOf(req), 'tasks.unavailable'));
    res.setHeader('Cache-Control', 'no-store');
    const describe = deps.describeEntity?.bind(deps);
    const tasks = deps.tasks.list(user.id);
    const wordOf = tasks.some((task) => task.spec.kind === 'trigger') ? await wordingOf(req) : undefined;
    res.json({ tasks: tasks.map((task) => toTaskView(task, describe, wordOf)) });
  });

  router.post('/tasks/:id', async (req, res) => {
    const user = requireUser(res);
    const body = parseOrReject(PauseBody, req.body, res);
    if (!body) return;
    if (!deps.tasks) return sendError(res, 404, 'not_found', t(languageOf(req), 'tasks.unavailable'));
    const task = deps.tasks.setPaused(user.id, req.params.id, body.paused);
    if (!task) return sendError(res, 404, 'not_found', t(languageOf(req), 'tasks.not_yours'));
    res.json(toTaskView(task, deps.describeEntity?.bind(deps), task.spec.kind === 'trigger' ? await wordingOf(req) : undefined));
  });

  router.delete('/tasks/:id', (req, res) => {
    const user = requireUser(res);
    if (!deps.tasks) return sendError(res, 404, 'not_found', t(languageOf(req), 'tasks.unavailable'));
    if (!deps.tasks.cancel(user.id, req.params.id)) return sendError(res, 404, 'not_found', t(languageOf(req), 'tasks.not_yours'));
    res.status(204).end();
  });

  return router;
}
