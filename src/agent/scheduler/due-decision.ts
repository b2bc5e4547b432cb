/**
 * The scheduler's one decision, pure: given a time-based task, when it last ran, when this
 * Majordome started and the time now, is it due (on time, or late because it fell due while
 * Majordome was stopped), still to come, finished, or waiting for the home's time zone?
 * The same answer whichever wake asks it first, so a task never runs twice for one time.
 */
import type { TaskSpec } from '../../store/tasks.js';
import { nextRun } from './timing.js';

/** What the decision reads about a cron or one-off task. */
export interface TimedTaskFacts {
  spec: Extract<TaskSpec, { kind: 'cron' | 'at' }>;
  /** The task's last run (its start, or its end once recorded), else its creation. */
  since: Date;
}

/** When the decision is taken, and how this Majordome treats runs missed while stopped. */
export interface DueContext {
  now: Date;
  /** When this Majordome started: a time before it passed while it was stopped. */
  startedAt: Date;
  /** The home's time zone; undefined until HA has told it. */
  timeZone: string | undefined;
  missedRuns: 'skip' | 'run_once';
}

/** What to do with the task now. */
export type DueDecision =
  /** Run it now; `late` when its time passed while Majordome was stopped. */
  | { action: 'run'; at: Date; late: boolean }
  /** Nothing yet: its next run is `at`. */
  | { action: 'wait'; at: Date }
  /** A one-off task with nothing left to run (already run, or skipped as missed). */
  | { action: 'finished' }
  /** A cron task: its times are in the home's time zone, still unknown. */
  | { action: 'needs_time_zone' };

/** Decides one task; see DueDecision. */
export function decideDue(task: TimedTaskFacts, context: DueContext): DueDecision {
  const { now, startedAt, timeZone, missedRuns } = context;
  if (task.spec.kind === 'cron' && timeZone === undefined) return { action: 'needs_time_zone' };
  // A one-off time is an instant already; only cron reads the zone.
  const zone = timeZone ?? 'UTC';
  const due = nextRun(task.spec, task.since, zone);
  if (due === undefined) return { action: 'finished' };
  if (due.getTime() > now.getTime()) return { action: 'wait', at: due };
  // A time reached while this Majordome runs is on time, however late the wake that sees it.
  if (due.getTime() >= startedAt.getTime()) return { action: 'run', at: due, late: false };
  if (missedRuns === 'run_once') return { action: 'run', at: due, late: true };
  // skip: the times that passed while stopped are dropped; count again from the start.
  return decideDue({ ...task, since: new Date(startedAt.getTime() - 1) }, { ...context, missedRuns: 'run_once' });
}
