export { createHttpApp } from './app.js';
export { HttpServer, type HttpServerOptions } from './server.js';
export type {
  ApprovalsService,
  ApprovalStatus,
  AuditReader,
  ConversationReader,
  HealthReport,
  HttpDeps,
  PanelSignIn,
  RulesAccess,
  SavedRuleRecord,
} from './deps.js';
