import { HaError } from '../../../src/errors.js';
import { checkSchema, type CommandTable } from './types.js';

function parseTime(value: unknown, code: string, message: string): Date {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new HaError('ha_error', message, code);
  return new Date(t);
}

/** call_service and history/history_during_period. */
export const callAndHistoryCommands: CommandTable = {
  call_service: async (conn, msg, core) => {
    checkSchema(msg, { 'domain!': 'string', 'service!': 'string', target: 'object', service_data: 'object', return_response: 'boolean' });
    const result = await core.engine.call({
      domain: msg.domain as string,
      service: msg.service as string,
      ...(msg.service_data ? { serviceData: msg.service_data as Record<string, unknown> } : {}),
      ...(msg.target ? { target: msg.target as Record<string, unknown> } : {}),
      returnResponse: msg.return_response === true,
      userId: conn.user.id,
    });
    conn.result(msg.id, msg.return_response === true ? { context: result.context, response: result.response } : { context: result.context });
  },

  'history/history_during_period': (conn, msg, core) => {
    checkSchema(msg, {
      'start_time!': 'string',
      end_time: 'string',
      entity_ids: 'strings',
      include_start_time_state: 'boolean',
      significant_changes_only: 'boolean',
      minimal_response: 'boolean',
      no_attributes: 'boolean',
    });
    const start = parseTime(msg.start_time, 'invalid_start_time', 'Invalid start_time');
    // HA's default end is now, which its microsecond stamps put after every change already made.
    const end = msg.end_time === undefined ? core.store.after() : parseTime(msg.end_time, 'invalid_end_time', 'Invalid end_time');
    if (start.getTime() > core.now().getTime()) {
      conn.result(msg.id, {});
      return;
    }
    const entityIds = (msg.entity_ids as string[] | undefined) ?? core.store.all().map((s) => s.entity_id);
    conn.result(
      msg.id,
      core.history.query({
        start,
        end,
        entityIds,
        includeStartTimeState: msg.include_start_time_state !== false,
        significantChangesOnly: msg.significant_changes_only !== false,
        minimalResponse: msg.minimal_response === true,
        noAttributes: msg.no_attributes === true,
      }),
    );
  },
};
