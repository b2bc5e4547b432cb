import { validateConfigParts } from '../config/validate-config.js';
import { checkSchema, type CommandTable } from './types.js';

/** `validate_config` (websocket_api/commands.py): for each of triggers, conditions, actions asked, `{valid, error}`. */
export const configCommands: CommandTable = {
  validate_config: (conn, msg) => {
    checkSchema(msg, { triggers: 'any', conditions: 'any', actions: 'any' });
    conn.result(msg.id, validateConfigParts(msg));
  },
};
