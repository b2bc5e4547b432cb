import type BetterSqlite3 from 'better-sqlite3';
import { MajordomeError } from '../errors.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { StoreOptions } from './store-options.js';

/** What starts a triggered task: an HA state change, an HA event, or a new mail. */
export type TaskTrigger =
  | { type: 'state'; entity_id: string; from?: string; to?: string }
  | { type: 'event'; event_type: string; event_data?: Record<string, unknown> }
  | { type: 'mail'; account?: string };

/** When a task runs. */
export type TaskSpec = { kind: 'cron'; cron: string } | { kind: 'at'; at: string } | { kind: 'trigger'; trigger: TaskTrigger };

/** A persisted task; runs are turns as `owner` in `conversationId`. */
export interface TaskRecord {
  id: string;
  owner: UserIdentity;
  prompt: string;
  spec: TaskSpec;
  status: 'active' | 'paused' | 'done';
  conversationId: string;
  createdAt: string;
  lastRunAt?: string;
  lastOk?: boolean;
  lastResult?: string;
  /** Set when the task was scheduled in a tainted conversation: what it had read. Every run is tainted by it. */
  taint?: { source: string };
}

interface TaskRow {
  id: string;
  user_id: string;
  owner: string;
  prompt: string;
  kind: TaskSpec['kind'];
  spec: string;
  status: TaskRecord['status'];
  conversation_id: string;
  created_at: string;
  last_run_at: string | null;
  last_ok: number | null;
  last_result: string | null;
  taint_source: string | null;
}

function toTask(row: TaskRow): TaskRecord {
  const task: TaskRecord = {
    id: row.id,
    owner: JSON.parse(row.owner) as UserIdentity,
    prompt: row.prompt,
    spec: { kind: row.kind, ...(JSON.parse(row.spec) as object) } as TaskSpec,
    status: row.status,
    conversationId: row.conversation_id,
    createdAt: row.created_at,
  };
  if (row.last_run_at !== null) task.lastRunAt = row.last_run_at;
  if (row.last_ok !== null) task.lastOk = row.last_ok === 1;
  if (row.last_result !== null) task.lastResult = row.last_result;
  if (row.taint_source !== null) task.taint = { source: row.taint_source };
  return task;
}

/** What creating a task needs. */
export interface NewTask {
  id: string;
  owner: UserIdentity;
  prompt: string;
  spec: TaskSpec;
  conversationId: string;
  taint?: { source: string };
}

/** Scheduled and triggered tasks. Reads by user are scoped; the scheduler reads them all. */
export class TaskStore {
  private readonly now: () => Date;
  private readonly db: BetterSqlite3.Database;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.db = db;
    this.now = options.now ?? (() => new Date());
  }

  create(task: NewTask): TaskRecord {
    const { kind, ...spec } = task.spec;
    const row = this.db
      .prepare<unknown[], TaskRow>(
        `INSERT INTO tasks (id, user_id, owner, prompt, kind, spec, status, conversation_id, created_at, taint_source)
         VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING *`,
      )
      .get(
        task.id,
        task.owner.id,
        JSON.stringify(task.owner),
        task.prompt,
        kind,
        JSON.stringify(spec),
        task.conversationId,
        this.now().toISOString(),
        task.taint?.source ?? null,
      );
    if (!row) throw new MajordomeError('internal', 'task insert returned no row');
    return toTask(row);
  }

  get(id: string): TaskRecord | undefined {
    const row = this.db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?').get(id);
    return row && toTask(row);
  }

  /** A user's tasks, oldest first. */
  listByUser(userId: string): TaskRecord[] {
    return this.db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE user_id = ? ORDER BY created_at, id').all(userId).map(toTask);
  }

  /** Every task that may still run (active or paused). */
  listLive(): TaskRecord[] {
    return this.db.prepare<[], TaskRow>("SELECT * FROM tasks WHERE status != 'done' ORDER BY created_at, id").all().map(toTask);
  }

  setStatus(id: string, status: TaskRecord['status']): void {
    this.db.prepare('UPDATE tasks SET status = ? WHERE id = ?').run(status, id);
  }

  /** Records the outcome of a run; `result` is cut to what a list can show. */
  recordRun(id: string, at: Date, ok: boolean, result: string): void {
    this.db.prepare('UPDATE tasks SET last_run_at = ?, last_ok = ?, last_result = ? WHERE id = ?').run(at.toISOString(), ok ? 1 : 0, result.slice(0, 2000), id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM tasks WHERE id = ?').run(id).changes > 0;
  }
}
