/**
 * render_template for the simplest Jinja: `{{ states('x') }}`, `{{ state_attr('x', 'a') }}`,
 * `{{ is_state('x', 'on') }}` and plain text. Anything else is a template_error. The
 * subscription re-renders when a referenced entity changes, as HA's template tracking does.
 */
import { HaError } from '../../../src/errors.js';
import type { SimCore } from '../core.js';
import type { StateChangedData } from '../state-store.js';
import { checkSchema, type CommandTable } from './types.js';

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;
const CALL = /^(states|state_attr|is_state)\(\s*'([^']+)'\s*(?:,\s*'([^']*)'\s*)?\)$/;

interface Rendered {
  result: string;
  entities: string[];
}

function render(template: string, core: SimCore): Rendered {
  if (template.includes('{%') || template.includes('{#')) {
    throw new HaError('ha_error', 'TemplateSyntaxError: only simple {{ }} expressions are supported by the simulator', 'template_error');
  }
  const entities = new Set<string>();
  const result = template.replace(EXPRESSION, (_, expr: string) => {
    const m = CALL.exec(expr);
    if (!m) throw new HaError('ha_error', `TemplateSyntaxError: unsupported expression '${expr}'`, 'template_error');
    const [, fn, entityId = '', arg] = m;
    entities.add(entityId);
    const state = core.store.get(entityId);
    if (fn === 'states') return state?.state ?? 'unknown';
    if (fn === 'is_state') return state?.state === arg ? 'True' : 'False';
    const value = state?.attributes[arg ?? ''];
    return value === undefined || value === null ? 'None' : typeof value === 'string' ? value : JSON.stringify(value);
  });
  return { result, entities: [...entities] };
}

/** HA renders to native types: "42" → 42, "True" → true, "None" → null. */
function parseResult(text: string): unknown {
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text.trim())) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return null;
  return text;
}

function listeners(entities: string[]): Record<string, unknown> {
  return { all: false, domains: [], entities, time: false };
}

export const templateCommands: CommandTable = {
  render_template: (conn, msg, core) => {
    checkSchema(msg, { 'template!': 'string', variables: 'object', timeout: 'number', strict: 'boolean', report_errors: 'boolean', entity_ids: 'strings' });
    const template = msg.template as string;
    let last = render(template, core);
    conn.subscriptions.set(
      msg.id,
      core.bus.on('state_changed', (event) => {
        if (!last.entities.includes((event.data as StateChangedData).entity_id)) return;
        const next = render(template, core);
        if (next.result === last.result) return;
        last = next;
        conn.event(msg.id, { result: parseResult(next.result), listeners: listeners(next.entities) });
      }),
    );
    conn.result(msg.id, null);
    conn.event(msg.id, { result: parseResult(last.result), listeners: listeners(last.entities) });
  },
};
