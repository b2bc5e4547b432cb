import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import type { AuditEntry, AuditInput, AuditKind } from '../contracts/audit.js';
import { clampLimit, type StoreOptions } from './store-options.js';

/** Filters for `AuditLog.list`: a page of `limit` rows (default 50, max 500) with ids below `before`. */
export interface AuditListOptions {
  limit?: number;
  before?: number;
  kind?: string;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  kind: AuditKind;
  tool: string | null;
  input: string | null;
  decision: string | null;
  outcome: string | null;
  conversation_id: string | null;
  detail: string | null;
}

/** The stored input, or the raw text when it is not valid JSON (kept rather than dropped). */
function readInput(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = { id: row.id, at: row.at, actor: row.actor, kind: row.kind };
  if (row.tool !== null) entry.tool = row.tool;
  if (row.input !== null) entry.input = readInput(row.input);
  if (row.decision !== null) entry.decision = row.decision;
  if (row.outcome !== null) entry.outcome = row.outcome;
  if (row.conversation_id !== null) entry.conversationId = row.conversation_id;
  if (row.detail !== null) entry.detail = row.detail;
  return entry;
}

function normalizeTime(at: string): string {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) throw new MajordomeError('internal', `audit time "${at}" is not a date`);
  return time.toISOString();
}

const LIST = 'SELECT * FROM audit WHERE id < @before';
const PAGE = 'ORDER BY id DESC LIMIT @limit';

/**
 * Append-only audit log (the table's triggers refuse UPDATE and DELETE). Inputs are stored as
 * given: redacting secrets is the caller's job (policy), before it records.
 */
export class AuditLog {
  private readonly now: () => Date;
  private readonly insert: BetterSqlite3.Statement<unknown[], AuditRow>;
  private readonly listAll: BetterSqlite3.Statement<[{ before: number; limit: number }], AuditRow>;
  private readonly listKind: BetterSqlite3.Statement<[{ before: number; limit: number; kind: string }], AuditRow>;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.insert = db.prepare(
      `INSERT INTO audit (at, actor, kind, tool, input, decision, outcome, conversation_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.listAll = db.prepare(`${LIST} ${PAGE}`);
    this.listKind = db.prepare(`${LIST} AND kind = @kind ${PAGE}`);
  }

  record(entry: AuditInput): AuditEntry {
    const at = entry.at === undefined ? this.now().toISOString() : normalizeTime(entry.at);
    const input = entry.input === undefined ? null : (JSON.stringify(entry.input) ?? null);
    const row = this.insert.get(
      at,
      entry.actor,
      entry.kind,
      entry.tool ?? null,
      input,
      entry.decision ?? null,
      entry.outcome ?? null,
      entry.conversationId ?? null,
      entry.detail ?? null,
    );
    if (!row) throw new MajordomeError('internal', 'audit insert returned no row');
    return toEntry(row);
  }

  /** Newest first. */
  list(opts: AuditListOptions = {}): AuditEntry[] {
    const page = { before: opts.before ?? Number.MAX_SAFE_INTEGER, limit: clampLimit(opts.limit) };
    const rows = opts.kind === undefined ? this.listAll.all(page) : this.listKind.all({ ...page, kind: opts.kind });
    return rows.map(toEntry);
  }
}
