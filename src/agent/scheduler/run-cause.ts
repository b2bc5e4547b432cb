/**
 * Why a task runs, sorted by trust. Majordome's own words (the time, the event type the owner
 * chose) go to the model as they are; what came with a trigger that someone else may have written
 * (event data, state strings) goes as untrusted content and taints the run, so every write or
 * external call in it asks a person, whoever the task's owner is.
 */
import { t, type Phrase } from '../../messages/messages.js';
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

/**
 * What taints a run before its turn starts: the taint the task was scheduled under comes first
 * (it holds for every run, "…, before this task was scheduled" in `language`), else what this
 * run's trigger carried.
 */
export function runTaint(task: { taint?: { source: string } }, cause: TaskRunCause, language?: string): { source: string; tool: string } | undefined {
  if (!task.taint) return cause.taint;
  // The sentence is "{source}<suffix>": a source that already ends with the suffix keeps it once.
  const suffix = t(language, 'taint.before_task', { source: '' });
  const source = task.taint.source.endsWith(suffix) ? task.taint.source : t(language, 'taint.before_task', { source: task.taint.source });
  return { source, tool: TASK_TAINT_TOOL };
}

/** A triggered run; the instruction scan reads everything the trigger carried. What tainted it is named in `language` (the run's). */
export function causeOfFiring(firing: TriggerFiring, language?: string): TaskRunCause {
  const fallback: Phrase = { key: 'taint.trigger_report' };
  // Majordome's own line never reads like instructions; if it does, part of it came from outside.
  const { what, untrusted } = readsLikeInstruction(firing.what)
    ? {
        what: 'a trigger fired',
        untrusted: { text: [firing.what, firing.untrusted?.text].filter(Boolean).join('\n'), source: firing.untrusted?.source ?? fallback },
      }
    : firing;
  const why = `because ${what}`;
  if (!untrusted) return { why };
  const named = t(language, untrusted.source.key, untrusted.source.params);
  const source = readsLikeInstruction(untrusted.text) ? t(language, 'taint.instructions_in', { source: named }) : named;
  return { why, untrusted: untrusted.text, taint: { source, tool: TRIGGER_TAINT_TOOL } };
}
