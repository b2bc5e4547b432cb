/**
 * The always-on service: keeps every persisted task armed (cron and one-off times on one timer,
 * triggers through their watchers), catches up on runs missed while stopped (`task_missed_runs`)
 * and runs each as a turn of its owner. Each wake asks decideDue about every timed task, from the
 * store and the clock only, and claims a run before starting it: whichever wake sees a time
 * first runs it, once. Time and timers come from an injected clock.
 */
import { randomUUID } from 'node:crypto';
import { MajordomeError, ToolInputError } from '../../errors.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { Logger } from '../../logger.js';
import type { NewTask, TaskRecord, TaskSpec } from '../../store/tasks.js';
import { systemClock, type SchedulerClock } from './clock.js';
import { causeOfFiring, type TaskRunCause } from './run-cause.js';
import { runTask, type TaskNotifier } from './task-run.js';
import { decideDue, type DueDecision } from './due-decision.js';
import { checkCron, toInstant } from './timing.js';
import type { TriggerWatcher } from './triggers.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** What the scheduler needs from the task store (store/tasks.ts). */
export interface TaskRepository {
  create(task: NewTask): TaskRecord;
  get(id: string): TaskRecord | undefined;
  listByUser(userId: string): TaskRecord[];
  listLive(): TaskRecord[];
  setStatus(id: string, status: TaskRecord['status']): void;
  recordRun(id: string, at: Date, ok: boolean, result: string): void;
  delete(id: string): boolean;
}

/** Dependencies of the scheduler, wired by main.ts. */
export interface TaskSchedulerDeps {
  store: TaskRepository;
  agent: TurnRunner;
  notify: TaskNotifier;
  watch: TriggerWatcher;
  /** The home's time zone from HA; undefined until HA answered. */
  timeZone(): string | undefined;
  missedRuns: 'skip' | 'run_once';
  language: string;
  logger: Logger;
  clock?: SchedulerClock;
}

/** What `task_schedule` asks for: a prompt and exactly one of cron, at, trigger. */
export interface ScheduleRequest {
  prompt: string;
  cron?: string | undefined;
  at?: string | undefined;
  trigger?: Extract<TaskSpec, { kind: 'trigger' }>['trigger'] | undefined;
  /** What the conversation that asked for the task had read; every run is tainted by it. */
  taint?: { source: string } | undefined;
}

/** A task with its next run, as lists show it. */
export type TaskInfo = TaskRecord & { nextRunAt?: string };

// Re-check at least this often, so a time zone learned (or changed) in HA re-arms the tasks.
const MAX_SLEEP_MS = 15 * 60_000;
// Until HA has told us its time zone, look again soon: cron tasks wait for it.
const ZONE_POLL_MS = 1_000;

const LATE = 'late: it was due while Majordome was stopped';

/** Runs scheduled and triggered tasks; start() arms them, stop() disarms and cancels running turns. */
export class TaskScheduler {
  readonly #deps: TaskSchedulerDeps;
  readonly #clock: SchedulerClock;
  readonly #startedAt: Date;
  /** Per task, the time its next run counts from when later than the store says (a run started, a resume). */
  readonly #since = new Map<string, Date>();
  readonly #watchers = new Map<string, () => void>();
  readonly #running = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #timer: unknown;
  #zone: string | undefined;
  #started = false;

  constructor(deps: TaskSchedulerDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    // Taken when built, before any channel can schedule: every time before it passed while stopped.
    this.#startedAt = this.#clock.now();
  }

  start(): void {
    this.#started = true;
    for (const task of this.#deps.store.listLive()) if (task.status === 'active' && task.spec.kind === 'trigger') this.#watch(task);
    this.#wake();
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    for (const stop of this.#watchers.values()) stop();
    this.#watchers.clear();
    this.#abort.abort();
    await Promise.allSettled([...this.#running]);
  }

  /** Creates a task for `owner`; throws ToolInputError on a bad schedule. */
  schedule(owner: UserIdentity, request: ScheduleRequest): TaskInfo {
    const spec = this.#toSpec(request);
    const task = this.#deps.store.create({
      id: randomUUID().slice(0, 8),
      owner,
      prompt: request.prompt,
      spec,
      conversationId: randomUUID(),
      ...(request.taint && { taint: request.taint }),
    });
    if (spec.kind === 'trigger') this.#watch(task);
    else this.#wake();
    return this.#info(task);
  }

  /** The user's tasks with their next run. */
  list(userId: string): TaskInfo[] {
    // HA may have told us the home's time zone since the last wake: re-arm the timer with it.
    if (this.#started && this.#deps.timeZone() !== this.#zone) this.#wake();
    return this.#deps.store.listByUser(userId).map((task) => this.#info(task));
  }

  /** Pauses or resumes one of the user's tasks; undefined when it is not theirs. */
  setPaused(userId: string, id: string, paused: boolean): TaskInfo | undefined {
    const task = this.#owned(userId, id);
    if (!task) return undefined;
    if (task.status === 'done') return this.#info(task);
    this.#disarm(id);
    this.#deps.store.setStatus(id, paused ? 'paused' : 'active');
    const updated = { ...task, status: paused ? ('paused' as const) : ('active' as const) };
    if (!paused) {
      // Times that passed while paused are not owed: count from the resume.
      this.#since.set(id, this.#clock.now());
      if (updated.spec.kind === 'trigger') this.#watch(updated);
      else this.#wake();
    }
    return this.#info(updated);
  }

  /** Deletes one of the user's tasks; false when it is not theirs. */
  cancel(userId: string, id: string): boolean {
    if (!this.#owned(userId, id)) return false;
    this.#disarm(id);
    return this.#deps.store.delete(id);
  }

  /** Resolves once no run is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  #owned(userId: string, id: string): TaskRecord | undefined {
    const task = this.#deps.store.get(id);
    return task && task.owner.id === userId ? task : undefined;
  }

  #toSpec(request: ScheduleRequest): TaskSpec {
    const given = [request.cron, request.at, request.trigger].filter((v) => v !== undefined).length;
    if (given !== 1) throw new ToolInputError('Give exactly one of cron, at or trigger.');
    const zone = this.#zoneNow();
    if (request.cron !== undefined) {
      checkCron(request.cron, zone);
      return { kind: 'cron', cron: request.cron };
    }
    if (request.at !== undefined) {
      const at = toInstant(request.at, zone);
      if (at.getTime() <= this.#clock.now().getTime()) throw new ToolInputError(`${request.at} is in the past.`);
      return { kind: 'at', at: at.toISOString() };
    }
    return { kind: 'trigger', trigger: request.trigger as NonNullable<ScheduleRequest['trigger']> };
  }

  #zoneNow(): string {
    return this.#deps.timeZone() ?? 'UTC';
  }

  #info(task: TaskRecord): TaskInfo {
    const decision = task.status === 'active' ? this.#decide(task, this.#clock.now()) : undefined;
    return decision?.action === 'wait' || decision?.action === 'run' ? { ...task, nextRunAt: decision.at.toISOString() } : task;
  }

  #decide(task: TaskRecord, now: Date): DueDecision | undefined {
    if (task.spec.kind === 'trigger') return undefined;
    const stored = new Date(task.lastRunAt ?? task.createdAt);
    const claimed = this.#since.get(task.id);
    const since = claimed && claimed.getTime() > stored.getTime() ? claimed : stored;
    return decideDue(
      { spec: task.spec, since },
      { now, startedAt: this.#startedAt, timeZone: this.#deps.timeZone(), missedRuns: this.#deps.missedRuns },
    );
  }

  #disarm(id: string): void {
    this.#since.delete(id);
    this.#watchers.get(id)?.();
    this.#watchers.delete(id);
  }

  #watch(task: TaskRecord): void {
    if (task.spec.kind !== 'trigger' || this.#watchers.has(task.id)) return;
    this.#watchers.set(task.id, this.#deps.watch(task.spec.trigger, (firing) => this.#run(task.id, causeOfFiring(firing, this.#deps.language))));
  }

  /** Runs what is due, finishes what is over, and sleeps until the next time (or the zone poll). */
  #wake(): void {
    if (!this.#started) return;
    this.#zone = this.#deps.timeZone();
    const now = this.#clock.now();
    let next = now.getTime() + (this.#zone === undefined ? ZONE_POLL_MS : MAX_SLEEP_MS);
    for (const task of this.#deps.store.listLive()) {
      if (task.status !== 'active') continue;
      let decision = this.#decide(task, now);
      if (decision?.action === 'run') {
        this.#claim(task, now);
        this.#run(task.id, { why: decision.late ? LATE : `at ${decision.at.toISOString()} (scheduled)` });
        decision = task.spec.kind === 'at' ? undefined : this.#decide(task, now);
      }
      if (decision?.action === 'finished') this.#deps.store.setStatus(task.id, 'done');
      if (decision?.action === 'wait') next = Math.min(next, decision.at.getTime());
    }
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#wake();
    }, next - now.getTime());
  }

  /** Marks a time as taken before its run starts, so no later wake runs it again. */
  #claim(task: TaskRecord, now: Date): void {
    if (task.spec.kind === 'at') this.#deps.store.setStatus(task.id, 'done');
    else this.#since.set(task.id, now);
  }

  #run(id: string, cause: TaskRunCause): void {
    const task = this.#deps.store.get(id);
    if (!task || !this.#started) return;
    const { agent, notify, language, logger } = this.#deps;
    const run = runTask({ agent, notify, language }, task, cause, this.#abort.signal).then(
      (outcome) => {
        if (!this.#abort.signal.aborted) this.#deps.store.recordRun(id, this.#clock.now(), outcome.ok, outcome.text);
      },
      (err: unknown) => logger.error({ err: err instanceof MajordomeError ? err.message : String(err), task: id }, 'a task run failed'),
    );
    const tracked = run.finally(() => this.#running.delete(tracked));
    this.#running.add(tracked);
  }
}
