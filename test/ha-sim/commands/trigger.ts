import { HaError } from '../../../src/errors.js';
import { deepEqual } from '../deep-equal.js';
import type { SimEvent } from '../event-bus.js';
import type { StateChangedData } from '../state-store.js';
import { checkSchema, requireAdmin, type CommandTable } from './types.js';

type TriggerConfig = Record<string, unknown>;

function asList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

function platformOf(trigger: TriggerConfig): unknown {
  // HA 2024.10 renamed `platform` to `trigger` in configs; both are accepted.
  return trigger.trigger ?? trigger.platform;
}

function invalid(message: string): HaError {
  return new HaError('ha_error', message, 'invalid_format');
}

/** HA's state trigger: matching entity, optional from/to state strings; no from/to fires on attribute changes too. */
function stateVariables(trigger: TriggerConfig, idx: number, event: SimEvent): Record<string, unknown> | undefined {
  const change = event.data as StateChangedData;
  if (!asList(trigger.entity_id)?.includes(change.entity_id)) return undefined;
  const from = asList(trigger.from);
  const to = asList(trigger.to);
  const oldState = change.old_state?.state ?? null;
  const newState = change.new_state?.state ?? null;
  if (from && !from.includes(oldState)) return undefined;
  if (to && !to.includes(newState)) return undefined;
  // With from or to given, HA ignores attribute-only changes.
  if ((from || to) && oldState === newState) return undefined;
  return {
    id: String(trigger.id ?? idx),
    idx: String(idx),
    alias: null,
    platform: 'state',
    entity_id: change.entity_id,
    from_state: change.old_state,
    to_state: change.new_state,
    for: null,
    attribute: null,
    description: `state of ${change.entity_id}`,
  };
}

/** HA's event trigger: matching type, and `event_data` a subset of the event's data. */
function eventVariables(trigger: TriggerConfig, idx: number, event: SimEvent): Record<string, unknown> | undefined {
  if (!asList(trigger.event_type)?.includes(event.event_type)) return undefined;
  const wanted = (trigger.event_data ?? {}) as Record<string, unknown>;
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (!Object.entries(wanted).every(([key, value]) => deepEqual(data[key], value))) return undefined;
  return { id: String(trigger.id ?? idx), idx: String(idx), alias: null, platform: 'event', event, description: `event '${event.event_type}'` };
}

/** `subscribe_trigger` (admin only, as HA) for `state` and `event` triggers. */
export const triggerCommands: CommandTable = {
  subscribe_trigger: requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'trigger!': 'any', variables: 'object' });
    const triggers = (Array.isArray(msg.trigger) ? msg.trigger : [msg.trigger]) as TriggerConfig[];
    for (const trigger of triggers) {
      const platform = platformOf(trigger);
      if (platform === 'state' && asList(trigger.entity_id)?.every((id) => typeof id === 'string')) continue;
      if (platform === 'event' && asList(trigger.event_type)?.every((type) => typeof type === 'string')) continue;
      throw invalid(`Invalid trigger configuration: ${JSON.stringify(trigger)}`);
    }
    const offs = triggers.map((trigger, idx) => {
      const state = platformOf(trigger) === 'state';
      core.liveTriggers.add(trigger);
      const off = core.bus.on(state ? 'state_changed' : '*', (event) => {
        const variables = state ? stateVariables(trigger, idx, event) : eventVariables(trigger, idx, event);
        if (variables) conn.event(msg.id, { variables: { trigger: variables }, context: event.context });
      });
      return () => {
        off();
        core.liveTriggers.delete(trigger);
      };
    });
    conn.subscriptions.set(msg.id, () => offs.forEach((off) => off()));
    conn.result(msg.id, null);
  }),
};
