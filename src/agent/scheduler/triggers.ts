/**
 * Where triggered tasks hear about the world: HA's `subscribe_trigger` (state and event triggers,
 * renewed by the client library after each reconnect) and new mail (the mail service's IDLE
 * watchers). Each source says what happened in words of its own ("event doorbell_ring fired"), apart
 * from what came with it that someone else may have written (event data, state strings): any HA
 * user can fire an event, and devices write states.
 */
import type { Connection } from 'home-assistant-js-websocket';
import type { Logger } from '../../logger.js';
import type { Phrase } from '../../messages/messages.js';
import type { TaskTrigger } from '../../store/tasks.js';

/** What happened, as a trigger source tells a task. */
export interface TriggerFiring {
  /** Majordome's own words, from what the owner chose (entity id, event type, mailbox): "event doorbell_ring fired". */
  what: string;
  /** What came with it that someone else may have written, and how an approval names it ("the data of event doorbell_ring"), worded in the run's language. */
  untrusted?: { text: string; source: Phrase };
}

/** Starts watching a trigger; `fire` gets what happened. Returns the stop function. */
export type TriggerWatcher = (trigger: TaskTrigger, fire: (firing: TriggerFiring) => void) => () => void;

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

const MAX_DATA = 300;

/** What an HA trigger's variables (HA's `variables.trigger` shape) say happened. */
export function describeTrigger(trigger: Record<string, unknown> | undefined): TriggerFiring {
  if (!trigger) return { what: 'a Home Assistant trigger fired' };
  if (trigger.platform === 'state') {
    const entity = String(trigger.entity_id);
    // A state is whatever the device or integration reported: free text for sensors, texts, to-dos.
    const text = `${entity} changed from ${stateOf(trigger.from_state)} to ${stateOf(trigger.to_state)}`;
    return { what: `${entity} changed`, untrusted: { text, source: { key: 'taint.entity_state', params: { entity } } } };
  }
  if (trigger.platform === 'event') {
    const event = (trigger.event ?? {}) as { event_type?: unknown; data?: unknown };
    const type = String(event.event_type);
    const data = event.data && typeof event.data === 'object' && Object.keys(event.data).length > 0 ? JSON.stringify(event.data).slice(0, MAX_DATA) : undefined;
    const what = `event ${type} fired`;
    return data ? { what, untrusted: { text: `${what} with data ${data}`, source: { key: 'taint.event_data', params: { event: type } } } } : { what };
  }
  return { what: String(trigger.description ?? 'a Home Assistant trigger fired') };
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
        // Account, folder and uids only: no sender, no subject, nothing a stranger wrote.
        fire({ what: `${event.uids.length} new mail(s) arrived in ${event.account}/${event.folder} (uids ${event.uids.join(', ')})` });
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
