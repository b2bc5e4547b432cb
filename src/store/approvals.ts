import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import { clampLimit, type StoreOptions } from './store-options.js';

/** Where an approval stands; only `pending` can change. */
export type ApprovalState = 'pending' | 'approved' | 'denied' | 'expired';

/** Where a decision was taken: the ingress panel, a phone notification, a bearer-token client, Telegram, Slack, or Majordome itself (an expiry). */
export type ApprovalVia = 'panel' | 'phone' | 'api' | 'telegram' | 'slack' | 'system';

/** One stored approval. `input` is the call's canonical JSON, parsed back. */
export interface ApprovalRecord {
  id: string;
  tool: string;
  input: unknown;
  inputHash: string;
  summary: string;
  reason: string;
  /** The reason before it was worded (messages/wording.ts), parsed back; absent on approvals made before it was kept. */
  reasonWords?: unknown;
  requesterId: string;
  requesterName?: string;
  conversationId?: string;
  channel: string;
  status: ApprovalState;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  decidedBy?: string;
  decidedByName?: string;
  decidedVia?: ApprovalVia;
  decisionNote?: string;
  consumedAt?: string;
}

/** What creating an approval needs; `inputJson` is stored verbatim (the caller canonicalises it). */
export interface NewApproval {
  id?: string;
  tool: string;
  inputJson: string;
  inputHash: string;
  summary: string;
  reason: string;
  /** The reason before it was worded, as JSON (the caller serialises it). */
  reasonWordsJson?: string | undefined;
  requesterId: string;
  requesterName?: string | undefined;
  conversationId?: string | undefined;
  channel: string;
  expiresAt: Date;
}

/** A decision on a pending approval. */
export interface ApprovalDecision {
  status: Exclude<ApprovalState, 'pending'>;
  via: ApprovalVia;
  by?: string | undefined;
  byName?: string | undefined;
  note?: string | undefined;
}

/** Filters for `ApprovalStore.list`; newest first, `limit` default 50, max 500. */
export interface ApprovalListOptions {
  status?: ApprovalState;
  requesterId?: string;
  limit?: number;
}

interface ApprovalRow {
  id: string;
  tool: string;
  input: string;
  input_hash: string;
  summary: string;
  reason: string;
  reason_words: string | null;
  requester_id: string;
  requester_name: string | null;
  conversation_id: string | null;
  channel: string;
  status: ApprovalState;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_via: ApprovalVia | null;
  decision_note: string | null;
  consumed_at: string | null;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function toRecord(row: ApprovalRow): ApprovalRecord {
  const record: ApprovalRecord = {
    id: row.id,
    tool: row.tool,
    input: parseJson(row.input),
    inputHash: row.input_hash,
    summary: row.summary,
    reason: row.reason,
    requesterId: row.requester_id,
    channel: row.channel,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
  const optional: Array<[keyof ApprovalRecord, string | null]> = [
    ['requesterName', row.requester_name],
    ['conversationId', row.conversation_id],
    ['decidedAt', row.decided_at],
    ['decidedBy', row.decided_by],
    ['decidedByName', row.decided_by_name],
    ['decidedVia', row.decided_via],
    ['decisionNote', row.decision_note],
    ['consumedAt', row.consumed_at],
  ];
  for (const [key, value] of optional) if (value !== null) Object.assign(record, { [key]: value });
  if (row.reason_words !== null) record.reasonWords = parseJson(row.reason_words);
  return record;
}

/**
 * Approvals in SQLite. State changes are conditional UPDATEs (`WHERE status = 'pending'`), so a
 * decision from the panel racing one from a phone or the expiry timer has exactly one winner.
 */
export class ApprovalStore {
  private readonly now: () => Date;
  private readonly statements;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.statements = {
      insert: db.prepare<unknown[], ApprovalRow>(
        `INSERT INTO approvals (id, tool, input, input_hash, summary, reason, reason_words, requester_id, requester_name,
           conversation_id, channel, status, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING *`,
      ),
      get: db.prepare<[string], ApprovalRow>('SELECT * FROM approvals WHERE id = ?'),
      list: db.prepare<[{ status: string | null; requester: string | null; limit: number }], ApprovalRow>(
        `SELECT * FROM approvals
         WHERE (@status IS NULL OR status = @status) AND (@requester IS NULL OR requester_id = @requester)
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
      ),
      pending: db.prepare<[], ApprovalRow>("SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at, rowid"),
      decide: db.prepare<unknown[], ApprovalRow>(
        `UPDATE approvals SET status = ?, decided_at = ?, decided_by = ?, decided_by_name = ?, decided_via = ?, decision_note = ?
         WHERE id = ? AND status = 'pending' RETURNING *`,
      ),
      consume: db.prepare<[string, string, string], ApprovalRow>(
        `UPDATE approvals SET consumed_at = ?
         WHERE id = ? AND input_hash = ? AND status = 'approved' AND consumed_at IS NULL RETURNING *`,
      ),
    };
  }

  /** Stores a new pending approval. */
  create(input: NewApproval): ApprovalRecord {
    const row = this.statements.insert.get(
      input.id ?? randomUUID(),
      input.tool,
      input.inputJson,
      input.inputHash,
      input.summary,
      input.reason,
      input.reasonWordsJson ?? null,
      input.requesterId,
      input.requesterName ?? null,
      input.conversationId ?? null,
      input.channel,
      this.now().toISOString(),
      input.expiresAt.toISOString(),
    );
    if (!row) throw new MajordomeError('internal', 'approval insert returned no row');
    return toRecord(row);
  }

  get(id: string): ApprovalRecord | undefined {
    const row = this.statements.get.get(id);
    return row ? toRecord(row) : undefined;
  }

  /** Newest first. */
  list(opts: ApprovalListOptions = {}): ApprovalRecord[] {
    return this.statements.list
      .all({ status: opts.status ?? null, requester: opts.requesterId ?? null, limit: clampLimit(opts.limit) })
      .map(toRecord);
  }

  /** Every pending approval, oldest first. */
  pending(): ApprovalRecord[] {
    return this.statements.pending.all().map(toRecord);
  }

  /** Decides a pending approval; undefined when it is unknown or no longer pending. */
  decide(id: string, decision: ApprovalDecision): ApprovalRecord | undefined {
    const row = this.statements.decide.get(
      decision.status,
      this.now().toISOString(),
      decision.by ?? null,
      decision.byName ?? null,
      decision.via,
      decision.note ?? null,
      id,
    );
    return row ? toRecord(row) : undefined;
  }

  /**
   * Uses an approved approval up, once, and only for the call it was given for: true when `id` is
   * approved, bound to `inputHash`, and was not used before.
   */
  consume(id: string, inputHash: string): boolean {
    return this.statements.consume.get(this.now().toISOString(), id, inputHash) !== undefined;
  }
}
