import type { ChatEvent } from '../../../../../src/contracts/chat-events.js';
import type {
  AuditReader,
  ConversationReader,
  ConversationRecord,
  HealthReport,
  HistoryRecord,
  HttpDeps,
} from '../../../../../src/channels/http/deps.js';
import type { TurnOutcome, TurnRequest, TurnRunner } from '../../../../../src/contracts/turns.js';
import { RunningTurns } from '../../../../../src/channels/running-turns.js';
import type { UserIdentity } from '../../../../../src/contracts/identity.js';
import type { AuditEntry } from '../../../../../src/contracts/audit.js';

/** An in-memory conversation store with the same contract as the SQLite one. */
export class MemoryConversations implements ConversationReader {
  readonly rows = new Map<string, ConversationRecord>();
  readonly messages = new Map<string, HistoryRecord[]>();

  add(id: string, userId: string, title = `conversation ${id}`, history: HistoryRecord[] = []): ConversationRecord {
    const at = new Date(Date.UTC(2025, 0, 1, 0, 0, this.rows.size)).toISOString();
    const row = { id, userId, title, channel: 'http', createdAt: at, updatedAt: at, messageCount: history.length };
    this.rows.set(id, row);
    this.messages.set(id, history);
    return row;
  }

  get(id: string): ConversationRecord | undefined {
    const row = this.rows.get(id);
    return row && { ...row };
  }

  list(opts: { userId?: string; limit?: number; offset?: number; search?: string }): ConversationRecord[] {
    const needle = opts.search?.toLowerCase();
    return [...this.rows.values()]
      .filter((c) => opts.userId === undefined || c.userId === opts.userId)
      .filter((c) => needle === undefined || c.title.toLowerCase().includes(needle))
      .reverse()
      .slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 50));
  }

  rename(id: string, title: string): void {
    const row = this.rows.get(id);
    if (row) row.title = title;
  }

  delete(id: string): void {
    this.rows.delete(id);
    this.messages.delete(id);
  }

  history(id: string): HistoryRecord[] {
    return this.messages.get(id) ?? [];
  }
}

/** An in-memory audit log, newest first. */
export class MemoryAudit implements AuditReader {
  readonly entries: AuditEntry[] = [];

  add(entry: Omit<AuditEntry, 'id' | 'at'>): void {
    const id = this.entries.length + 1;
    this.entries.push({ ...entry, id, at: new Date(Date.UTC(2025, 0, 1, 0, 0, id)).toISOString() });
  }

  list(opts: { limit?: number; before?: number; kind?: string }): AuditEntry[] {
    return [...this.entries]
      .reverse()
      .filter((e) => opts.before === undefined || e.id < opts.before)
      .filter((e) => opts.kind === undefined || e.kind === opts.kind)
      .slice(0, opts.limit ?? 50);
  }
}

/** A turn runner whose behaviour each test scripts; it remembers every request it saw. */
export class ScriptedAgent implements TurnRunner {
  readonly requests: TurnRequest[] = [];
  script: (req: TurnRequest, sink: (e: ChatEvent) => void) => Promise<TurnOutcome> = async (req, sink) => {
    sink({ type: 'text', delta: 'ok' });
    return { conversationId: req.conversationId ?? 'new-conversation', text: 'ok' };
  };

  runTurn(req: TurnRequest, sink: (e: ChatEvent) => void): Promise<TurnOutcome> {
    this.requests.push(req);
    return this.script(req, sink);
  }
}

/** The health report fakes answer with. */
export const HEALTHY: HealthReport = {
  ok: true,
  version: '0.1.0',
  ha: { connected: true },
  llm: { provider: 'anthropic', model: 'claude-test', configured: true },
  uptime_s: 1,
};

/** Builds HTTP deps around the fakes; tests override what they exercise. */
export function makeDeps(overrides: Partial<HttpDeps> = {}): HttpDeps & {
  agent: ScriptedAgent;
  conversations: MemoryConversations;
  audit: MemoryAudit;
} {
  const agent = new ScriptedAgent();
  return {
    agent,
    turns: new RunningTurns({ agent }),
    conversations: new MemoryConversations(),
    audit: new MemoryAudit(),
    trustedProxies: ['127.0.0.1'],
    verifyBearer: async () => undefined,
    isAdmin: async (user: UserIdentity) => user.isAdmin === true,
    isAdminNow: async (user: UserIdentity) => user.isAdmin === true,
    health: () => HEALTHY,
    ...overrides,
  } as HttpDeps & { agent: ScriptedAgent; conversations: MemoryConversations; audit: MemoryAudit };
}

/** Headers the Supervisor would add for an ingress user. */
export function ingressHeaders(userId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'X-Remote-User-Id': userId, 'X-Remote-User-Name': userId, ...extra };
}
