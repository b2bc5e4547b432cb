/**
 * The JSON the HTTP API sends (snake_case, like the chat events), and the functions that make it
 * from the services' records. The panel imports these types, so a renamed field breaks its build.
 */
import type { AuditEntry } from '../../contracts/audit.js';
import type { ConversationRecord, HistoryRecord, MemoryRecord, PairingRecord, SavedRuleRecord, TaskSummary } from './deps.js';

/** A conversation as the HTTP API shows it (snake_case, like the chat events). */
export interface ConversationView {
  id: string;
  title: string;
  channel: string;
  created_at: string;
  updated_at: string;
  message_count: number;
}

/** Serialises a conversation header; the owner id is implied by who asks. */
export function toConversationView(c: ConversationRecord): ConversationView {
  return {
    id: c.id,
    title: c.title,
    channel: c.channel,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    message_count: c.messageCount,
  };
}

/** One stored message; `content` is the model-format block list (or a plain string). */
export interface MessageView {
  seq: number;
  role: string;
  content: unknown;
  created_at: string;
}

/** Serialises one stored message; content blocks are passed as stored. */
export function toMessageView(m: HistoryRecord): MessageView {
  return { seq: m.seq, role: m.role, content: m.content, created_at: m.createdAt };
}

/** One audit row, as `GET /api/audit` sends it. */
export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  /** The actor's name in HA, when the actor is an HA user HA still knows. */
  actor_name?: string;
  kind: string;
  tool?: string;
  input?: unknown;
  decision?: string;
  outcome?: string;
  conversation_id?: string;
  detail?: string;
}

/** Serialises one audit row; `names` maps HA user ids to their names. */
export function toAuditView(e: AuditEntry, names?: ReadonlyMap<string, string>): AuditEntryView {
  const name = names?.get(e.actor);
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    ...(name !== undefined && { actor_name: name }),
    kind: e.kind,
    tool: e.tool,
    input: e.input,
    decision: e.decision,
    outcome: e.outcome,
    conversation_id: e.conversationId,
    detail: e.detail,
  };
}

/** What starts a triggered task, as the panel reads it to say it in words. */
export type TaskTriggerView =
  | { type: 'state'; entity_id: string; from?: string; to?: string }
  | { type: 'event'; event_type: string }
  | { type: 'mail'; account?: string };

/** The entity a state trigger watches, as people know it in HA. */
export interface TriggerEntityView {
  name: string;
  device_class?: string;
}

/** A state trigger's states as people read them in the panel's language: HA's words ("Déverrouillé"). */
export interface TriggerWordsView {
  from?: string;
  to?: string;
}

/** A scheduled or triggered task, as `GET /api/tasks` lists it. */
export interface TaskView {
  id: string;
  prompt: string;
  kind: TaskSummary['spec']['kind'];
  /** The cron expression, ISO time or trigger description. */
  schedule: string;
  /** A triggered task's trigger (kind `trigger`), when it has a known shape. */
  trigger?: TaskTriggerView;
  /** The entity of a state trigger, when HA knows it. */
  trigger_entity?: TriggerEntityView;
  /** A state trigger's `from` and `to` in HA's words, in `?language=` (the trigger keeps HA's states). */
  trigger_words?: TriggerWordsView;
  status: TaskSummary['status'];
  conversation_id: string;
  created_at: string;
  next_run_at?: string;
  last_run_at?: string;
  last_ok?: boolean;
  last_result?: string;
}

/** The trigger's fields the panel words, or undefined for a shape it does not know. */
export function toTriggerView(trigger: unknown): TaskTriggerView | undefined {
  if (!trigger || typeof trigger !== 'object') return undefined;
  const t = trigger as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  if (t.type === 'state' && typeof t.entity_id === 'string') {
    const from = text(t.from);
    const to = text(t.to);
    return { type: 'state', entity_id: t.entity_id, ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  if (t.type === 'event' && typeof t.event_type === 'string') return { type: 'event', event_type: t.event_type };
  if (t.type === 'mail') {
    const account = text(t.account);
    return { type: 'mail', ...(account !== undefined && { account }) };
  }
  return undefined;
}

/** A state trigger's states as `wordOf` words them; undefined without a state to word. */
function triggerWords(trigger: TaskTriggerView | undefined, wordOf: ((entityId: string, state: string) => string) | undefined): TriggerWordsView | undefined {
  if (trigger?.type !== 'state' || !wordOf || (trigger.from === undefined && trigger.to === undefined)) return undefined;
  const { entity_id: entityId, from, to } = trigger;
  return { ...(from !== undefined && { from: wordOf(entityId, from) }), ...(to !== undefined && { to: wordOf(entityId, to) }) };
}

/** Serialises a task; `describeEntity` names a state trigger's entity, `wordOf` words its states. */
export function toTaskView(
  task: TaskSummary,
  describeEntity?: (entityId: string) => TriggerEntityView | undefined,
  wordOf?: (entityId: string, state: string) => string,
): TaskView {
  const { spec } = task;
  const schedule = spec.kind === 'cron' ? (spec.cron ?? '') : spec.kind === 'at' ? (spec.at ?? '') : JSON.stringify(spec.trigger ?? {});
  const trigger = spec.kind === 'trigger' ? toTriggerView(spec.trigger) : undefined;
  const entity = trigger?.type === 'state' ? describeEntity?.(trigger.entity_id) : undefined;
  const words = triggerWords(trigger, wordOf);
  return {
    id: task.id,
    prompt: task.prompt,
    kind: spec.kind,
    schedule,
    ...(trigger && { trigger }),
    ...(entity && { trigger_entity: entity }),
    ...(words && { trigger_words: words }),
    status: task.status,
    conversation_id: task.conversationId,
    created_at: task.createdAt,
    ...(task.nextRunAt !== undefined && { next_run_at: task.nextRunAt }),
    ...(task.lastRunAt !== undefined && { last_run_at: task.lastRunAt }),
    ...(task.lastOk !== undefined && { last_ok: task.lastOk }),
    ...(task.lastResult !== undefined && { last_result: task.lastResult }),
  };
}

/** A saved policy rule, as `GET /api/rules` lists it. */
export interface SavedRuleView {
  id: number;
  effect: SavedRuleRecord['effect'];
  tool: string;
  match: string;
  created_by: string;
  created_at: string;
  note?: string;
}

/** Serialises a saved rule. */
export function toRuleView(rule: SavedRuleRecord): SavedRuleView {
  return {
    id: rule.id,
    effect: rule.effect,
    tool: rule.tool,
    match: rule.match,
    created_by: rule.createdBy,
    created_at: rule.createdAt,
    ...(rule.note !== undefined && { note: rule.note }),
  };
}

/** A messenger chat that asked to talk to Majordome, as `GET /api/pairings` lists it. */
export interface PairingView {
  channel: string;
  chat_id: string;
  code: string;
  label: string;
  created_at: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

/** Serialises a pairing; unconfirmed fields are null rather than absent. */
export function toPairingView(p: PairingRecord): PairingView {
  return {
    channel: p.channel,
    chat_id: p.chatId,
    code: p.code,
    label: p.label,
    created_at: p.createdAt,
    confirmed_at: p.confirmedAt ?? null,
    confirmed_by: p.confirmedBy ?? null,
  };
}

/** A remembered fact, as `GET /api/memories` lists it; everyone's list (administrators) says whose. */
export interface MemoryView {
  id: number;
  fact: string;
  created_at: string;
  user_id?: string;
  /** The owner's name in HA, when known. */
  user_name?: string;
}

/** Serialises a memory; `owner` adds whose it is (everyone's list). */
export function toMemoryView(m: MemoryRecord, owner?: { names?: ReadonlyMap<string, string> | undefined }): MemoryView {
  const view: MemoryView = { id: m.id, fact: m.fact, created_at: m.createdAt };
  if (!owner || m.userId === undefined) return view;
  const name = owner.names?.get(m.userId);
  return { ...view, user_id: m.userId, ...(name !== undefined && { user_name: name }) };
}
