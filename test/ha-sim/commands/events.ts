import { HaError } from '../../../src/errors.js';
import { compressState, entitiesEventFor, type CompressedState } from '../entities-diff.js';
import { createContext } from '../ids.js';
import type { StateChangedData } from '../state-store.js';
import { checkSchema, requireAdmin, unauthorized, type CommandTable } from './types.js';

/** Event types non-admin users may subscribe to (HA's SUBSCRIBE_ALLOWLIST). */
const SUBSCRIBE_ALLOWLIST = new Set([
  'area_registry_updated', 'component_loaded', 'core_config_updated', 'device_registry_updated', 'entity_registry_updated',
  'floor_registry_updated', 'label_registry_updated', 'lovelace_updated', 'panels_updated', 'recorder_5min_statistics_generated',
  'recorder_hourly_statistics_generated', 'repairs_issue_registry_updated', 'service_registered', 'service_removed',
  'shopping_list_updated', 'state_changed', 'themes_updated', 'category_registry_updated',
]);

/** subscribe_events, unsubscribe_events, fire_event, subscribe_entities. */
export const eventCommands: CommandTable = {
  subscribe_events: (conn, msg, core) => {
    checkSchema(msg, { event_type: 'string' });
    const eventType = (msg.event_type as string | undefined) ?? '*';
    if (!conn.user.is_admin && !SUBSCRIBE_ALLOWLIST.has(eventType)) throw unauthorized();
    conn.subscriptions.set(
      msg.id,
      core.bus.on(eventType, (event) => conn.event(msg.id, event)),
    );
    conn.result(msg.id, null);
  },

  unsubscribe_events: (conn, msg) => {
    checkSchema(msg, { 'subscription!': 'number' });
    const unsubscribe = conn.subscriptions.get(msg.subscription as number);
    if (!unsubscribe) throw new HaError('ha_error', 'Subscription not found.', 'not_found');
    unsubscribe();
    conn.subscriptions.delete(msg.subscription as number);
    conn.result(msg.id, null);
  },

  fire_event: requireAdmin((conn, msg, core) => {
    checkSchema(msg, { 'event_type!': 'string', event_data: 'object' });
    const context = createContext(conn.user.id, core.now().getTime());
    const data = (msg.event_data as Record<string, unknown> | undefined) ?? {};
    core.firedEvents.push({ event_type: msg.event_type as string, event_data: data });
    core.bus.fire(msg.event_type as string, data, context, core.now());
    conn.result(msg.id, { context });
  }),

  subscribe_entities: (conn, msg, core) => {
    checkSchema(msg, { entity_ids: 'strings' });
    const wanted = Array.isArray(msg.entity_ids) && msg.entity_ids.length > 0 ? new Set(msg.entity_ids as string[]) : undefined;
    // Listen before answering so no change between the snapshot and the diffs is lost (as HA).
    conn.subscriptions.set(
      msg.id,
      core.bus.on('state_changed', (event) => {
        const change = event.data as StateChangedData;
        if (wanted && !wanted.has(change.entity_id)) return;
        conn.event(msg.id, entitiesEventFor(change));
      }),
    );
    conn.result(msg.id, null);
    const added: Record<string, CompressedState> = {};
    for (const state of core.store.all()) if (!wanted || wanted.has(state.entity_id)) added[state.entity_id] = compressState(state);
    conn.event(msg.id, { a: added });
  },
};
