import express, { type Express } from 'express';
import type { HttpDeps } from './deps.js';
import { rejectCrossSiteWrites, requireJsonBody, securityHeaders } from './guards.js';
import { createErrorHandler, sendError } from './http-errors.js';
import { createIdentityMiddleware } from './identity.js';
import { createApprovalsRouter } from './routes/approvals.js';
import { createAuditRouter } from './routes/audit.js';
import { COOKIE_BODY_LIMIT, createBrowserRouter } from './routes/browser.js';
import { createChatRouter } from './routes/chat.js';
import { createConfigVersionsRouter } from './routes/config-versions.js';
import { createConversationsRouter } from './routes/conversations.js';
import { createHealthRouter } from './routes/health.js';
import { createMemoriesRouter } from './routes/memories.js';
import { createPanelRouter } from './routes/panel.js';
import { createPanelConfigRouter } from './routes/panel-config.js';
import { createPairingsRouter } from './routes/pairings.js';
import { createRulesRouter } from './routes/rules.js';
import { createStatusRouter } from './routes/status.js';
import { createTasksRouter } from './routes/tasks.js';
import { createUsageRouter } from './routes/usage.js';

const BODY_LIMIT = '64kb';

/** Builds the express app: health, identity, the API routes, the panel, JSON errors. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  // The peer address is the only network fact we trust; X-Forwarded-For must never count.
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(rejectCrossSiteWrites);

  app.use('/api', createHealthRouter(deps));
  app.use('/api', createPanelConfigRouter(deps));

  const identity = createIdentityMiddleware({
    trustedProxies: deps.trustedProxies,
    verifyBearer: deps.verifyBearer,
    ...(deps.logger && { logger: deps.logger }),
  });
  // Before the other API routes: a cookie export may be larger than BODY_LIMIT.
  app.use('/api/browser', identity, requireJsonBody, express.json({ limit: COOKIE_BODY_LIMIT }), createBrowserRouter(deps));
  app.use(
    '/api',
    identity,
    requireJsonBody,
    express.json({ limit: BODY_LIMIT }),
    createChatRouter(deps),
    createConversationsRouter(deps),
    createApprovalsRouter(deps),
    createRulesRouter(deps),
    createAuditRouter(deps),
    createStatusRouter(deps),
    createUsageRouter(deps),
    createMemoriesRouter(deps),
    createTasksRouter(deps),
    createConfigVersionsRouter(deps),
    createPairingsRouter(deps),
    (_req, res) => sendError(res, 404, 'not_found', 'No such API route.'),
  );

  if (deps.requireIdentityForPanel) app.use(identity);
  app.use(createPanelRouter(deps));
  app.use((_req, res) => sendError(res, 404, 'not_found', 'Not found.'));
  app.use(createErrorHandler(deps.logger));
  return app;
}
