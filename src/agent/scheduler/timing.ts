/**
 * Pure timing decisions of the scheduler: the next run of a cron or one-off task in the home's
 * time zone, and local wall-clock times to instants (what is due now: due-decision.ts).
 */
import { Cron } from 'croner';
import { ToolInputError } from '../../errors.js';
import type { TaskSpec } from '../../store/tasks.js';
import { wallTimeToInstant } from '../../time-zone.js';

/** Throws ToolInputError unless `expression` is a cron expression croner accepts. */
export function checkCron(expression: string, timeZone: string): void {
  try {
    const cron = new Cron(expression, { timezone: timeZone, paused: true });
    if (!cron.nextRun()) throw new Error('it never runs');
  } catch (err) {
    throw new ToolInputError(`"${expression}" is not a cron expression (minute hour day month weekday): ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The first run strictly after `after`, or undefined when the task never runs again. */
export function nextRun(spec: TaskSpec, after: Date, timeZone: string): Date | undefined {
  if (spec.kind === 'cron') return new Cron(spec.cron, { timezone: timeZone, paused: true }).nextRun(after) ?? undefined;
  if (spec.kind === 'at') {
    const at = new Date(spec.at);
    return at.getTime() > after.getTime() ? at : undefined;
  }
  return undefined;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An ISO time to an instant: with an offset or `Z` as written; without one, as a wall-clock time
 * in the home's time zone (what "tomorrow at 7" means to the user).
 */
export function toInstant(iso: string, timeZone: string): Date {
  const local = LOCAL.exec(iso.trim());
  if (!local) {
    const parsed = new Date(iso);
    if (Number.isNaN(parsed.getTime()) || !/[T ]\d{2}:\d{2}/.test(iso)) throw new ToolInputError(`"${iso}" is not an ISO date and time such as 2026-05-01T07:30.`);
    return parsed;
  }
  const [, y, mo, d, h, mi, s] = local.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return new Date(wallTimeToInstant(wall, timeZone));
}
