import type { UserIdentity } from '../../contracts/identity.js';
import type { UsageReport } from '../../llm/usage-report.js';
import type { RunningTurns } from '../running-turns.js';
import type { SecurityCheckView, StatusReport } from '../socket/protocol.js';
import type { AuditEntry } from '../../contracts/audit.js';

/** A value a dependency may return directly (better-sqlite3) or as a promise. */
export type MaybePromise<T> = T | Promise<T>;

/** A conversation's header, as the store returns it. */
export interface ConversationRecord {
  id: string;
  userId: string;
  title: string;
  channel: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

/** One stored message of a conversation. */
export interface HistoryRecord {
  seq: number;
  role: 'user' | 'assistant';
  content: unknown;
  createdAt: string;
}

/** The part of the conversation store the HTTP channel uses. */
export interface ConversationReader {
  get(id: string): MaybePromise<ConversationRecord | undefined>;
  list(opts: { userId?: string; limit?: number; offset?: number; search?: string }): MaybePromise<ConversationRecord[]>;
  rename(id: string, title: string): MaybePromise<void>;
  delete(id: string): MaybePromise<void>;
  history(id: string): MaybePromise<HistoryRecord[]>;
}

/** The part of the audit log the HTTP channel reads. */
export interface AuditReader {
  list(opts: { limit?: number; before?: number; kind?: string }): MaybePromise<AuditEntry[]>;
}

/** Approval states a client may filter on. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/**
 * The approvals service, kept tiny so the policy module can plug in its own. Views are sent as
 * they are; `decide` returns the updated view, or undefined when the id is unknown, and throws a
 * MajordomeError (e.g. `policy_denied`) when this user may not decide.
 */
export interface ApprovalsService {
  /** `language`: the reader's (the panel's), for what and why; without it, the words the requester read. */
  list(opts: { status?: ApprovalStatus; user: UserIdentity; language?: string | undefined }): MaybePromise<unknown[]>;
  /** `language`: the panel's, for the words of a refusal and of the approval it returns. */
  decide(id: string, decision: 'approve' | 'deny', user: UserIdentity, via?: undefined, language?: string): MaybePromise<unknown>;
}

/** How the panel signs in: add-on (ingress names the user) or standalone (HA's own login at `haUrl`). */
export interface PanelSignIn {
  mode: 'addon' | 'standalone';
  /** HA's address as the user's browser reaches it (standalone only). */
  haUrl?: string;
}

/** A saved policy rule, as the rule store returns it. */
export interface SavedRuleRecord {
  id: number;
  effect: 'allow' | 'ask' | 'deny';
  tool: string;
  match: string;
  createdBy: string;
  createdAt: string;
  note?: string;
}

/** The "Always allow" rule for one call, or why there cannot be one. */
export type AllowRuleResult = { ok: true; tool: string; match: string } | { ok: false; reason: string };

/** Saved rules ("Always allow" in the panel); the policy module provides it. */
export interface RulesAccess {
  list(): MaybePromise<SavedRuleRecord[]>;
  /** Whether this user may save and delete rules (the approvers), as last known: what the page shows. */
  mayManage(user: UserIdentity): Promise<boolean>;
  /** The same, asked of HA for this request (deleting a rule); throws when HA cannot say. */
  mayManageNow(user: UserIdentity): Promise<boolean>;
  /** The narrowest allow rule covering exactly this call's tool and salient facts; why not, in `language`. */
  allowRuleFor(call: { tool: string; input: unknown }, language?: string): AllowRuleResult;
  add(rule: { effect: 'allow'; tool: string; match: string; note?: string }, user: UserIdentity): MaybePromise<SavedRuleRecord>;
  /** True when a rule was removed. */
  remove(id: number, user: UserIdentity): MaybePromise<boolean>;
}

/** What `GET /api/health` reports; extra fields are passed through. */
export interface HealthReport {
  ok: boolean;
  version: string;
  ha: { connected: boolean; [key: string]: unknown };
  llm: { provider: string; model: string | undefined; configured: boolean };
  uptime_s: number;
  [key: string]: unknown;
}

/** What a cookie import did: how many cookies, for which sites (never a value); or why not. */
export type CookieImportOutcome = { ok: true; imported: number; sites: string[] } | { ok: false; error: string };

/** The browser, as the HTTP channel sees it (the BrowserService implements it). */
export interface BrowserAccess {
  /** A screenshot and the conversation it belongs to; undefined for an unknown id. */
  readScreenshot(id: string): { conversationId: string; png: Buffer } | undefined;
  /** Adds the cookies of a JSON export to the profile; throws a MajordomeError when the browser cannot start. */
  importCookieExport(body: unknown): Promise<CookieImportOutcome>;
}

/** A remembered fact (store/memories.ts). */
export interface MemoryRecord {
  id: number;
  /** Whose memory it is. */
  userId?: string;
  fact: string;
  createdAt: string;
}

/** Long-term memories as the HTTP channel sees them (store/memories.ts, the model's memory tools' store too). */
export interface MemoriesAccess {
  list(userId: string): MemoryRecord[];
  /** Everyone's, for administrators. */
  listAll(): MemoryRecord[];
  ownerOf(id: number): string | undefined;
  /** The corrected memory, or undefined when it is not this user's. */
  update(userId: string, id: number, fact: string): MemoryRecord | undefined;
  delete(userId: string, id: number): boolean;
}

/** A task as the scheduler reports it (agent/scheduler); the route turns it into a TaskView. */
export interface TaskSummary {
  id: string;
  prompt: string;
  spec: { kind: 'cron' | 'at' | 'trigger'; cron?: string; at?: string; trigger?: unknown };
  status: 'active' | 'paused' | 'done';
  conversationId: string;
  createdAt: string;
  nextRunAt?: string;
  lastRunAt?: string;
  lastOk?: boolean;
  lastResult?: string;
}

/** A user's scheduled tasks; every call is scoped to the user. */
export interface TasksAccess {
  list(userId: string): TaskSummary[];
  /** The updated task, or undefined when it is not this user's. */
  setPaused(userId: string, id: string, paused: boolean): TaskSummary | undefined;
  cancel(userId: string, id: string): boolean;
}

/** One messenger pairing as the panel lists it. */
export interface PairingRecord {
  channel: string;
  chatId: string;
  code: string;
  label: string;
  createdAt: string;
  confirmedAt?: string;
  confirmedBy?: string;
}

/** Messenger pairings (store/chat-links.ts): admins list and confirm them. */
export interface PairingsAccess {
  list(): MaybePromise<PairingRecord[]>;
  confirm(code: string, by: string): MaybePromise<PairingRecord | undefined>;
}

/** Everything the HTTP channel needs; `main.ts` wires the real services. */
/** One kept version of an automation or script, as the panel lists it. */
export interface ConfigVersionView {
  kind: 'automation' | 'script';
  itemId: string;
  version: number;
  config?: Record<string, unknown>;
  change: string;
  changedBy: string;
  changedAt: string;
}

/** The kept versions of automations and scripts (`/api/config-versions`). */
export interface ConfigVersionsAccess {
  recent(): ConfigVersionView[];
  /** Starts restoring a version as the person's own call (asked for, then audited); returns at once. */
  restore(user: UserIdentity, kind: 'automation' | 'script', id: string, version: number): void;
}

export interface HttpDeps {
  /** Runs chat turns in the background of their conversation (channels/running-turns.ts). */
  turns: RunningTurns;
  /** The option `language`: the words of a refusal when the request names none (`?language=`, a chat's `language`). */
  language?: string;
  conversations: ConversationReader;
  audit: AuditReader;
  approvals?: ApprovalsService;
  /** Saved rules; absent → `/api/rules` answers 404 and the panel hides "Always allow". */
  rules?: RulesAccess;
  /** Long-term memories (`/api/memories`); absent → 404. */
  memories?: MemoriesAccess;
  /** Whether a fact looks like a secret (the rule memory_save applies): such a correction is refused. */
  looksSecret?(fact: string): boolean;
  /** Kept versions of automations and scripts (`/api/config-versions`); absent → 404. */
  configVersions?: ConfigVersionsAccess;
  /** Scheduled and triggered tasks (`/api/tasks`); absent → 404. */
  tasks?: TasksAccess;
  /** An entity's name (and device class) in HA, for a task's trigger in words; absent → ids only. */
  describeEntity?(entityId: string): { name: string; device_class?: string } | undefined;
  /** How `language`'s speakers read an entity's states (HA's words), for a task's trigger in words; absent → the states as HA names them. */
  wordStates?(language: string | undefined): Promise<(entityId: string, state: string) => string>;
  /** Messenger pairings (`/api/pairings`, admins only); absent when no messenger is on → 404. */
  pairings?: PairingsAccess;
  /** The browser (screenshots, cookie import); absent when browser_enabled is off → 404. */
  browser?: BrowserAccess;
  /** How the panel signs in (`GET /api/panel-config`); absent → 404. */
  panelSignIn?: PanelSignIn;
  /** Peers allowed to assert identity headers (normalised addresses). */
  trustedProxies: readonly string[];
  /** Checks an HA access token; see `src/ha/token-verifier.ts`. */
  verifyBearer(token: string): Promise<UserIdentity | undefined>;
  /** Whether HA says this user is an administrator, as last known (up to a minute old): what lists and pages read. */
  isAdmin(user: UserIdentity): Promise<boolean>;
  /**
   * The same, asked of HA for this request: what a changing, admin-only action reads (confirming a
   * pairing, restoring a version, importing cookies); throws when HA cannot say.
   */
  isAdminNow(user: UserIdentity): Promise<boolean>;
  /** HA user id → the name HA shows (activity log, admins' memory lists); absent → ids only. */
  userNames?(): Promise<ReadonlyMap<string, string>>;
  health(): MaybePromise<HealthReport>;
  /** `GET /api/status` without the caller (the route adds it); absent → 404. */
  status?(): MaybePromise<Omit<StatusReport, 'user'>>;
  /** The security self-check in a language, for administrators' `/api/status`; absent → not reported. */
  securityCheck?(language: string): Promise<SecurityCheckView[]>;
  /** `GET /api/usage` (model usage and budget); absent → 404. */
  usage?(): MaybePromise<UsageReport>;
  /** Built panel (index.html + assets); absent → a placeholder page. */
  panelDir?: string;
  /** Add-on mode: the panel's files need an identity too. */
  requireIdentityForPanel?: boolean;
  /** Interval of `: keep-alive` comments on chat streams; default 15 s. */
  keepAliveMs?: number;
  logger?: HttpLogger;
}

/** The slice of a pino logger the channel writes to. */
export interface HttpLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
