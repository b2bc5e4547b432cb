import { translationResources } from '../translations/resources.js';
import { checkSchema, type CommandTable } from './types.js';

/**
 * `frontend/get_translations` (components/frontend/__init__.py): `language` and `category`
 * required, `integration` one name or a list (`cv.ensure_list`), `config_flow` accepted. Any user
 * may ask; each request is recorded for the tests.
 */
export const frontendCommands: CommandTable = {
  'frontend/get_translations': (conn, msg, core) => {
    checkSchema(msg, { 'language!': 'string', 'category!': 'string', integration: 'any', config_flow: 'boolean' });
    const integration = msg['integration'];
    const integrations = integration === undefined ? undefined : [integration].flat().map(String);
    const language = msg['language'] as string;
    const category = msg['category'] as string;
    core.translationRequests.push({ language, category, ...(integrations && { integration: integrations }) });
    conn.result(msg.id, { resources: translationResources(language, category, integrations) });
  },
};
