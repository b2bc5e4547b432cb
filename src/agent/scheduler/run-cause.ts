/**
 * Why a task runs, sorted by trust. Majordome's own words (the time, the event type the owner
 * chose) go to the model as they are; what came with a trigger that someone else may have written
 * (event data, state strings) goes as untrusted content and taints the run, so every write or
 * external call in it asks a person, whoever the task's owner is.
 */
import { readsLikeInstruction } from '../../policy/index.js';
import type { TriggerFiring } from './triggers.js';

/** What a run's turn is told about why it runs. */
export interface TaskRunCause {
  /** Majordome's words: "because event doorbell_ring fired", "at 2026-06-01T07:00:00.000Z (scheduled)". */
  why: string;
  /** Someone else's text that came with the trigger; the model reads it marked untrusted. */
  untrusted?: string;
  /** What taints the run's conversation before the turn starts, when it carries someone else's text. */
  taint?: { source: string; tool: string };
}

/** The `tool` a trigger's taint is recorded under: no tool read the text, the trigger brought it. */
export const TRIGGER_TAINT_TOOL = 'task_trigger';

/** The `tool` a task's inherited taint is recorded under: it came through `task_schedule`. */
export const TASK_TAINT_TOOL = 'task_schedule';

const INHERITED = ', before this task was scheduled';

/**
 * What taints a run before its turn starts: the taint the task was scheduled under comes first
 * (it holds for every run), else what this run's trigger carried.
 */
export function runTaint(task: { taint?: { source: string } }, cause: TaskRunCause): { source: string; tool: string } | undefined {
  if (!task.taint) return cause.taint;
  const source = task.taint.source.endsWith(INHERITED) ? task.taint.source : `${task.taint.source}${INHERITED}`;
  return { source, tool: TASK_TAINT_TOOL };
}

/** A triggered run; the instruction scan reads everything the trigger carried. */
export function causeOfFiring(firing: TriggerFiring): TaskRunCause {
  // Majordome's own line never reads like instructions; if it does, part of it came from outside.
  const { what, untrusted } = readsLikeInstruction(firing.what)
    ? {
        what: 'a trigger fired',
        untrusted: { text: [firing.what, firing.untrusted?.text].filter(Boolean).join('\n'), source: firing.untrusted?.source ?? 'what a trigger reported' },
      }
    : firing;
  const why = `because ${what}`;
  if (!untrusted) return { why };
  const source = readsLikeInstruction(untrusted.text) ? `text that reads like instructions to an AI in ${untrusted.source}` : untrusted.source;
  return { why, untrusted: untrusted.text, taint: { source, tool: TRIGGER_TAINT_TOOL } };
}
