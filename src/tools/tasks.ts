/**
 * The tasks capability: `task_schedule` {prompt, cron? | at? | trigger?}, `task_list` {} and
 * `task_cancel` {id}. A task runs later as a turn of the user who scheduled it; the scheduler
 * (agent/scheduler) keeps it, this file only speaks to the model.
 */
import { z } from 'zod';
import { MajordomeError } from '../errors.js';
import { isPlural, t, type MessageKey } from '../messages/messages.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { TaskRecord, TaskTrigger } from '../store/tasks.js';
import { MACHINE_STATES, wordInSentence, type StateWording, type StateWordings } from './home/state-wording.js';
import { describeValue } from './summary-words.js';
import { errorResult, okResult, type AnyTool, type Tool } from './tool.js';

/** A task with its next run, as the scheduler lists it. */
export type ScheduledTask = TaskRecord & { nextRunAt?: string };

/** What the task tools need from the scheduler. */
export interface TaskService {
  /** `taint`: what the scheduling conversation had read; every run of the task is tainted by it. */
  schedule(
    owner: UserIdentity,
    request: { prompt: string; cron?: string | undefined; at?: string | undefined; trigger?: TaskTrigger | undefined; taint?: { source: string } | undefined },
  ): ScheduledTask;
  list(userId: string): ScheduledTask[];
  cancel(userId: string, id: string): boolean;
}

const trigger = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    entity_id: z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'an entity id such as sensor.washer_status'),
    from: z.string().optional().describe('Only when the state was this before.'),
    to: z.string().optional().describe('Only when the state becomes this.'),
  }),
  z.object({
    type: z.literal('event'),
    event_type: z.string().min(1).max(100),
    event_data: z.record(z.string(), z.unknown()).optional().describe('Only events whose data contains these values.'),
  }),
  z.object({ type: z.literal('mail'), account: z.string().optional().describe('Only new mail of this account.') }),
]);

const scheduleInput = z.object({
  prompt: z.string().trim().min(3).max(2000).describe('What to do when the task runs, written as an instruction to yourself.'),
  cron: z.string().trim().max(100).optional().describe('Repeat on this cron schedule (minute hour day month weekday) in the home time zone, e.g. "0 7 * * *".'),
  at: z.string().trim().max(40).optional().describe('Run once at this ISO date and time; without an offset it is the home local time.'),
  trigger: trigger.optional().describe('Run on each Home Assistant state change or event that matches, or on new mail.'),
});

const listInput = z.object({}).strict();

/** `task_schedule` input. */
export type TaskScheduleInput = z.infer<typeof scheduleInput>;

/** A task as the model sees it. */
export function describeTask(task: ScheduledTask): Record<string, unknown> {
  const { spec } = task;
  return {
    id: task.id,
    prompt: task.prompt,
    ...(spec.kind === 'cron' ? { cron: spec.cron } : spec.kind === 'at' ? { at: spec.at } : { trigger: spec.trigger }),
    status: task.status,
    ...(task.nextRunAt && { next_run: task.nextRunAt }),
    ...(task.lastRunAt && { last_run: task.lastRunAt, last_ok: task.lastOk }),
  };
}

/** What the task tools need. */
export interface TaskToolDeps {
  tasks: TaskService;
  /** HA's words for states, for a state trigger's approval ("vers déverrouillé"); absent → the states as HA names them. */
  wordStates?: StateWordings;
}

/**
 * When a task runs, in words: its cron schedule, its one time, or what triggers it (with every
 * condition); a state trigger's states as `wordOf` words them, inside the sentence.
 */
function taskWhen(input: TaskScheduleInput, language: string | undefined, wordOf: StateWording): string {
  if (input.cron !== undefined) return t(language, 'summary.task_cron', { cron: input.cron });
  if (input.at !== undefined) return t(language, 'summary.task_at', { at: input.at });
  const trigger = input.trigger;
  const when = (value: unknown, key: MessageKey) => (value !== undefined ? ` ${t(language, key, { value: describeValue(value), account: describeValue(value) })}` : '');
  if (trigger?.type === 'state') {
    const state = (value: string | undefined) => (value === undefined ? undefined : wordInSentence(wordOf(trigger.entity_id, value), value));
    return `${t(language, 'summary.task_state', { entity: trigger.entity_id })}${when(state(trigger.from), 'summary.task_from')}${when(state(trigger.to), 'summary.task_to')}`;
  }
  if (trigger?.type === 'event') return `${t(language, 'summary.task_event', { event: trigger.event_type })}${when(trigger.event_data, 'summary.task_event_data')}`;
  if (trigger?.type === 'mail') return `${t(language, 'summary.task_mail')}${when(trigger.account, 'summary.task_mail_account')}`;
  return t(language, 'summary.task_asked');
}

/**
 * A task is shown whole, like a shell command: its prompt runs later as the user, so a tail cut
 * from the summary would run without anyone having read it. A state trigger's states are worded
 * by `wordOf` (as HA names them by default); the stored trigger keeps HA's states.
 */
export function taskScheduleSummary(input: TaskScheduleInput, language?: string, wordOf: StateWording = MACHINE_STATES): string {
  return t(language, 'summary.task_schedule', { when: taskWhen(input, language, wordOf), prompt: input.prompt });
}

/** Builds `task_schedule`. */
export function createTaskScheduleTool({ tasks, wordStates }: TaskToolDeps): Tool<TaskScheduleInput> {
  // HA's state words per language, fetched before a call is described (describe cannot wait); refreshed by each call.
  const wordings = new Map<string, StateWording>();
  return {
    name: 'task_schedule',
    description:
      'Schedule something to do later on the user\'s behalf: repeatedly (cron), once (at), or whenever a Home Assistant state change, event or new mail happens (trigger). Each run\'s answer reaches the user\'s phone.',
    input: scheduleInput,
    effect: 'write',
    async prepare(input, language) {
      if (input.trigger?.type !== 'state' || !wordStates) return;
      wordings.set(language ?? '', await wordStates(language));
    },
    describe: (input, language) => ({ summary: taskScheduleSummary(input, language, wordings.get(language ?? '')) }),
    async execute(input, ctx) {
      try {
        // A task asked for under taint may be the injected text's doing: its runs stay tainted.
        const task = tasks.schedule(ctx.user, { ...input, ...(ctx.tainted && { taint: { source: ctx.tainted.source } }) });
        return okResult(describeTask(task), t(ctx.language, 'task.scheduled', { id: task.id }));
      } catch (err) {
        if (err instanceof MajordomeError) return errorResult(err.message, t(ctx.language, 'task.not_scheduled'));
        throw err;
      }
    },
  };
}

/** Builds `task_list`. */
export function createTaskListTool({ tasks }: TaskToolDeps): Tool<z.infer<typeof listInput>> {
  return {
    name: 'task_list',
    description: "List the user's scheduled and triggered tasks.",
    input: listInput,
    effect: 'read',
    async execute(_input, ctx) {
      const list = tasks.list(ctx.user.id);
      return okResult(list.map(describeTask), t(ctx.language, isPlural(ctx.language, list.length) ? 'task.count' : 'task.count_one', { count: list.length }));
    },
  };
}

/** Builds `task_cancel`. */
export function createTaskCancelTool({ tasks }: TaskToolDeps): Tool<{ id: string }> {
  return {
    name: 'task_cancel',
    description: 'Cancel (delete) one of the user\'s tasks by id.',
    input: z.object({ id: z.string().trim().min(1).max(64) }),
    effect: 'write',
    async execute({ id }, ctx) {
      return tasks.cancel(ctx.user.id, id) ? okResult({ cancelled: id }, t(ctx.language, 'task.cancelled', { id })) : errorResult(`No task of yours has id ${id}.`, t(ctx.language, 'task.no_such'));
    },
  };
}

/** The tasks capability's tools. */
export function createTaskTools(deps: TaskToolDeps): AnyTool[] {
  return [createTaskScheduleTool(deps), createTaskListTool(deps), createTaskCancelTool(deps)];
}
