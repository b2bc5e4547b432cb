/**
 * The built-in policy, as data in the same syntax users write. User rules are tried first, then
 * these, then FALLBACK_RULES (so a catch-all "ask" cannot shadow a specific "allow").
 * Entities outside entity_access are refused before any rule (see tools/home/home-facts.ts).
 */
import { t, type MessageKey, type MessageParams } from '../../messages/messages.js';
import { buildRule, type RuleSpec } from './rule-syntax.js';
import type { PolicyRule } from './rule.js';

/** Tool names the defaults know besides the home tools; a test checks every registered tool is here. */
export const KNOWN_TOOLS = {
  mail: ['mail_search', 'mail_read', 'mail_send', 'mail_move', 'mail_mark'],
  browser: ['browser_open', 'browser_snapshot', 'browser_act', 'browser_screenshot'],
  shell: ['shell_run'],
  memory: ['memory_save', 'memory_search'],
  tasks: ['task_schedule', 'task_list', 'task_cancel'],
  notify: ['notify_user'],
  authoring: [
    'ha_list_automations',
    'ha_get_automation',
    'ha_save_automation',
    'ha_delete_automation',
    'ha_restore_automation',
    'ha_list_scripts',
    'ha_get_script',
    'ha_save_script',
    'ha_delete_script',
    'ha_restore_script',
  ],
} as const;

/** Comfortable set points: outside them a thermostat change asks first. */
export const SANE_TEMPERATURE_C = { min: 7, max: 30 } as const;

const CLOSING_COVER = 'close_cover,stop_cover,close_cover_tilt,stop_cover_tilt';
const STOPPING_COVER = 'stop_cover,stop_cover_tilt';
/** Cover device classes that never close a passage (HA's list, less garage, gate and door). */
const PLAIN_COVERS = 'awning,blind,curtain,damper,shade,shutter,window';
const PLAIN_FIELDS = 'text,search,email,url,tel,number,textarea';

/** A built-in rule's reason: its key in the message table (worded in each reader's language), and its English words. */
function because(key: MessageKey, params?: MessageParams): Pick<RuleSpec, 'reason' | 'reasonKey' | 'reasonParams'> {
  return { reason: t('en', key, params), reasonKey: key, ...(params && { reasonParams: params }) };
}

/** The defaults from issue 4, in the order their reasons are preferred. */
export const DEFAULT_RULE_SPECS: readonly RuleSpec[] = [
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=lock service=unlock,open', ...because('rule.lock_unlock') },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=alarm_control_panel service=alarm_disarm', ...because('rule.alarm_disarm') },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    match: `domain=cover device_class=garage,gate,door service!=${CLOSING_COVER}`,
    ...because('rule.cover_passage'),
  },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    // Classed as a blind or shutter (relay modules often are) while its name says otherwise: what
    // it really is, nobody knows, so closing asks too. One classed as a gate follows the rule above.
    match: `domain=cover name_says=garage,gate,door device_class!=garage,gate,door service!=${STOPPING_COVER}`,
    ...because('rule.cover_named_passage'),
  },
  {
    // Closing asks too: with no device class nothing says there is no one in the way.
    effect: 'ask',
    tool: 'ha_call_service',
    match: `domain=cover entity_domain=cover device_class!=${PLAIN_COVERS},garage,gate,door service!=${STOPPING_COVER}`,
    ...because('rule.cover_unclassed'),
  },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=valve', ...because('rule.valve') },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=siren', ...because('rule.siren') },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    match: 'domain=homeassistant',
    ...because('rule.homeassistant'),
  },
  { effect: 'ask', tool: 'mail_send', ...because('rule.mail_send') },
  {
    effect: 'ask',
    tool: 'browser_act',
    match: `action=type field_type!=${PLAIN_FIELDS}`,
    ...because('rule.browser_type'),
  },
  {
    effect: 'ask',
    tool: 'browser_act',
    match: 'action=click,press submits!=false',
    ...because('rule.browser_submit'),
  },
  { effect: 'ask', tool: 'shell_run', ...because('rule.shell_run') },
  ...(['ha_save_*', 'ha_delete_*', 'ha_restore_*'] as const).map((tool): RuleSpec => ({ effect: 'ask', tool, ...because('rule.config_change') })),

  { effect: 'allow', tool: '*', match: 'effect=read', ...because('rule.read') },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=light,switch,media_player,fan,vacuum', ...because('rule.plain_devices') },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=scene service=turn_on', ...because('rule.scene') },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=climate service!=set_temperature', ...because('rule.climate_modes') },
  {
    effect: 'allow',
    tool: 'ha_call_service',
    match: `domain=climate service=set_temperature temperature_c=${SANE_TEMPERATURE_C.min}..${SANE_TEMPERATURE_C.max}`,
    ...because('rule.temperature', SANE_TEMPERATURE_C),
  },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=cover', ...because('rule.covers') },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=lock', ...because('rule.lock_lock') },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=alarm_control_panel service=alarm_arm_*', ...because('rule.alarm_arm') },
  {
    effect: 'allow',
    tool: 'ha_call_service',
    match: 'domain=weather,calendar,todo service=get_forecasts,get_events,get_items',
    ...because('rule.read_lists'),
  },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=todo service=add_item,update_item', ...because('rule.add_to_list') },
  { effect: 'allow', tool: 'browser_*', ...because('rule.browse') },
  { effect: 'allow', tool: 'mail_move', ...because('rule.mail_move') },
  { effect: 'allow', tool: 'mail_mark', ...because('rule.mail_mark') },
  { effect: 'allow', tool: 'memory_save', ...because('rule.memory_save') },
  { effect: 'allow', tool: 'task_*', ...because('rule.tasks') },
  { effect: 'allow', tool: 'notify_user', ...because('rule.notify') },
];

/** What is left when no rule matched: known reads run, unknown services and outward calls ask. */
export const FALLBACK_RULE_SPECS: readonly RuleSpec[] = [
  { effect: 'allow', tool: '*', match: 'effect=read', ...because('rule.read') },
  { effect: 'ask', tool: 'ha_call_service', ...because('rule.unknown_service') },
  { effect: 'ask', tool: '*', match: 'effect=external', ...because('rule.external') },
  { effect: 'allow', tool: '*', match: 'effect=write', ...because('rule.local_write') },
];

/** The defaults, parsed (a syntax error here fails every test at import). */
export const DEFAULT_RULES: readonly PolicyRule[] = DEFAULT_RULE_SPECS.map((spec) => buildRule(spec, 'default'));

/** The fallback, parsed. */
export const FALLBACK_RULES: readonly PolicyRule[] = FALLBACK_RULE_SPECS.map((spec) => buildRule(spec, 'fallback'));
