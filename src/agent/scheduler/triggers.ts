/**
 * Where triggered tasks hear about the world: HA's `subscribe_trigger` (state and event triggers,
 * renewed by the client library after each reconnect) and new mail (the mail service's IDLE
 * watchers). Each source turns what happened into one line for the task's turn.
 */
import type { Connection } from 'home-assistant-js-websocket';
import type { Logger } from '../../logger.js';
import type { TaskTrigger } from '../../store/tasks.js';

/** Starts watching a trigger; `fire` gets one line describing what happened. Returns the stop function. */
export type TriggerWatcher = (trigger: TaskTrigger, fire: (what: string) => void) => () => void;

/** What the HA trigger source needs from the connection (ha/ha-connection.ts). */
export interface TriggerConnection {
  onReady(listener: (conn: Connection) => void): () => void;
}

/** What the mail trigger source needs from the mail service (tools/mail). */
export interface NewMailSource {
  onNewMail(listener: (event: { account: string; folder: string; uids: number[] }) => void): () => void;
}

interface TriggerMessage {
  variables?: { trigger?: Record<string, unknown> };
}

function stateOf(value: unknown): string {
  return value && typeof value === 'object' && 'state' in value ? String((value as { state: unknown }).state) : 'nothing';
}

/** One line about an HA trigger's variables, in HA's `variables.trigger` shape. */
export function describeTrigger(trigger: Record<string, unknown> | undefined): string {
  if (!trigger) return 'a Home Assistant trigger fired';
  if (trigger.platform === 'state') return `${String(trigger.entity_id)} changed from ${stateOf(trigger.from_state)} to ${stateOf(trigger.to_state)}`;
  if (trigger.platform === 'event') {
    const event = (trigger.event ?? {}) as { event_type?: unknown; data?: unknown };
    return `event ${String(event.event_type)} fired with data ${JSON.stringify(event.data ?? {}).slice(0, 300)}`;
  }
  return String(trigger.description ?? 'a Home Assistant trigger fired');
}

/** HA's trigger config for a task trigger. */
export function haTriggerConfig(trigger: Exclude<TaskTrigger, { type: 'mail' }>): Record<string, unknown> {
  if (trigger.type === 'state') {
    return { platform: 'state', entity_id: trigger.entity_id, ...(trigger.from !== undefined && { from: trigger.from }), ...(trigger.to !== undefined && { to: trigger.to }) };
  }
  return { platform: 'event', event_type: trigger.event_type, ...(trigger.event_data && { event_data: trigger.event_data }) };
}

/** Watches state, event and mail triggers; mail triggers need a mail service. */
export function createTriggerWatcher(deps: { ha: TriggerConnection; mail?: NewMailSource; logger: Logger }): TriggerWatcher {
  return (trigger, fire) => {
    if (trigger.type === 'mail') {
      if (!deps.mail) {
        deps.logger.warn('a task waits for new mail but no mail account is configured');
        return () => undefined;
      }
      return deps.mail.onNewMail((event) => {
        if (trigger.account && trigger.account.toLowerCase() !== event.account.toLowerCase()) return;
        fire(`${event.uids.length} new mail(s) arrived in ${event.account}/${event.folder} (uids ${event.uids.join(', ')})`);
      });
    }
    let stopped = false;
    let unsubscribe: (() => Promise<void>) | undefined;
    // Subscribe on the first connection only: the library renews it after reconnects itself.
    const stopWaiting = deps.ha.onReady((conn) => {
      if (stopped || unsubscribe) return;
      const pending = conn.subscribeMessage<TriggerMessage>((message) => fire(describeTrigger(message.variables?.trigger)), {
        type: 'subscribe_trigger',
        trigger: haTriggerConfig(trigger),
      });
      unsubscribe = async () => (await pending)();
      pending.catch((err: unknown) => deps.logger.warn({ err: err instanceof Error ? err.message : err, trigger }, 'a task trigger could not subscribe'));
      queueMicrotask(() => stopWaiting());
    });
    return () => {
      stopped = true;
      stopWaiting();
      void unsubscribe?.().catch(() => undefined);
    };
  };
}
