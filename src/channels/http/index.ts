export { createHttpApp } from './app.js';
export { HttpServer, type HttpServerOptions } from './server.js';
export type {
  ApprovalsService,
  ApprovalStatus,
  AuditReader,
  ConversationReader,
  HealthReport,
  HttpDeps,
  TurnOutcome,
  TurnRequest,
  TurnRunner,
} from './deps.js';
