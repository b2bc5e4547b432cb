/**
 * The structural checks HA's `validate_config` command (websocket_api/commands.py
 * handle_validate_config) and the config REST API run on triggers, conditions and actions, with
 * voluptuous-style messages. A subset: the trigger platforms, condition types and action keys of
 * HA core, and the keys each common one requires.
 */

const TRIGGER_PLATFORMS = new Set([
  'calendar', 'conversation', 'device', 'event', 'geo_location', 'homeassistant', 'mqtt', 'numeric_state', 'persistent_notification',
  'state', 'sun', 'tag', 'template', 'time', 'time_pattern', 'webhook', 'zone',
]);
const CONDITION_TYPES = ['and', 'device', 'not', 'numeric_state', 'or', 'state', 'sun', 'template', 'time', 'trigger', 'zone'];
const ACTION_KEYS = [
  'action', 'service', 'delay', 'wait_template', 'wait_for_trigger', 'choose', 'if', 'repeat', 'parallel', 'sequence', 'event', 'condition',
  'scene', 'variables', 'stop', 'set_conversation_response', 'device_id',
];
/** Keys a trigger of a platform must have (HA's per-platform TRIGGER_SCHEMA). */
const TRIGGER_REQUIRED: Record<string, readonly string[]> = {
  state: ['entity_id'],
  numeric_state: ['entity_id'],
  sun: ['event'],
  time: ['at'],
  event: ['event_type'],
  template: ['value_template'],
  zone: ['entity_id', 'zone'],
};
const CONDITION_REQUIRED: Record<string, readonly string[]> = {
  state: ['entity_id', 'state'],
  numeric_state: ['entity_id'],
  template: ['value_template'],
  and: ['conditions'],
  or: ['conditions'],
  not: ['conditions'],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function missing(item: Record<string, unknown>, keys: readonly string[] | undefined, at: string): string | undefined {
  const key = keys?.find((k) => !(k in item));
  return key === undefined ? undefined : `required key not provided @ ${at}['${key}']. Got None`;
}

/** HA's message for the first invalid trigger, or undefined. */
export function triggerError(value: unknown): string | undefined {
  for (const [i, item] of listOf(value).entries()) {
    if (!isObject(item)) return `expected a dictionary @ data[${i}]`;
    const platform = item.trigger ?? item.platform;
    if (typeof platform !== 'string') return `required key not provided @ data[${i}]['trigger']. Got None`;
    if (!TRIGGER_PLATFORMS.has(platform)) return `Invalid trigger '${platform}' specified`;
    const problem = missing(item, TRIGGER_REQUIRED[platform], `data[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** HA's message for the first invalid condition, or undefined. */
export function conditionError(value: unknown): string | undefined {
  for (const [i, item] of listOf(value).entries()) {
    if (typeof item === 'string') continue; // a template shorthand
    if (!isObject(item)) return `expected a dictionary @ data[${i}]`;
    const type = item.condition;
    if (typeof type !== 'string' || !CONDITION_TYPES.includes(type)) {
      return `Unexpected value for condition: '${String(type ?? 'None')}'. Expected ${CONDITION_TYPES.join(', ')}`;
    }
    const problem = missing(item, CONDITION_REQUIRED[type], `data[${i}]`);
    if (problem) return problem;
    if (['and', 'or', 'not'].includes(type)) {
      const inner = conditionError(item.conditions);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** HA's message for the first invalid action, or undefined. */
export function actionError(value: unknown): string | undefined {
  for (const [i, item] of listOf(value).entries()) {
    if (!isObject(item)) return `expected a dictionary @ data[${i}]`;
    if (!ACTION_KEYS.some((key) => key in item)) return `Unable to determine action @ data[${i}]`;
    const service = item.action ?? item.service;
    if (service !== undefined && (typeof service !== 'string' || !/^[a-z0-9_]+\.[a-z0-9_]+$/.test(service) && !service.includes('{{'))) {
      return `Service ${String(service)} does not match format <domain>.<name> for dictionary value @ data[${i}]['action']`;
    }
    if (item.condition !== undefined && !('action' in item)) {
      const problem = conditionError([item]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** `validate_config`'s answer: for each key asked, `{valid, error}`. */
export function validateConfigParts(msg: Record<string, unknown>): Record<string, { valid: boolean; error: string | null }> {
  const checks: Record<string, (value: unknown) => string | undefined> = { triggers: triggerError, conditions: conditionError, actions: actionError };
  const out: Record<string, { valid: boolean; error: string | null }> = {};
  for (const [key, check] of Object.entries(checks)) {
    if (!(key in msg)) continue;
    const error = check(msg[key]);
    out[key] = { valid: error === undefined, error: error ?? null };
  }
  return out;
}

/** What HA's automation PLATFORM_SCHEMA says of a whole automation config (REST save). */
export function automationConfigError(config: unknown): string | undefined {
  if (!isObject(config)) return 'expected a dictionary';
  const triggers = config.triggers ?? config.trigger;
  const actions = config.actions ?? config.action;
  if (triggers === undefined) return "required key not provided @ data['triggers']";
  if (actions === undefined) return "required key not provided @ data['actions']";
  const mode = config.mode;
  if (mode !== undefined && !['single', 'restart', 'queued', 'parallel'].includes(String(mode))) {
    return `value must be one of ['parallel', 'queued', 'restart', 'single'] for dictionary value @ data['mode']. Got '${String(mode)}'`;
  }
  const conditions = config.conditions ?? config.condition;
  const t = triggerError(triggers);
  if (t) return `${t.replace('@ data[', "@ data['triggers'][")}`;
  const c = conditions === undefined ? undefined : conditionError(conditions);
  if (c) return `${c.replace('@ data[', "@ data['conditions'][")}`;
  const a = actionError(actions);
  return a ? `${a.replace('@ data[', "@ data['actions'][")}` : undefined;
}

/** What HA's SCRIPT_ENTITY_SCHEMA says of a whole script config (REST save). */
export function scriptConfigError(config: unknown): string | undefined {
  if (!isObject(config)) return 'expected a dictionary';
  if (config.sequence === undefined) return "required key not provided @ data['sequence']";
  const a = actionError(config.sequence);
  return a ? a.replace('@ data[', "@ data['sequence'][") : undefined;
}
