/**
 * The built-in policy, as data in the same syntax users write. User rules are tried first, then
 * these, then FALLBACK_RULES (so a catch-all "ask" cannot shadow a specific "allow").
 * Entities outside entity_access are refused before any rule (see tools/home/home-facts.ts).
 */
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
} as const;

/** Comfortable set points: outside them a thermostat change asks first. */
export const SANE_TEMPERATURE_C = { min: 7, max: 30 } as const;

const CLOSING_COVER = 'close_cover,stop_cover,close_cover_tilt,stop_cover_tilt';
const STOPPING_COVER = 'stop_cover,stop_cover_tilt';
/** Cover device classes that never close a passage (HA's list, less garage, gate and door). */
const PLAIN_COVERS = 'awning,blind,curtain,damper,shade,shutter,window';
const PLAIN_FIELDS = 'text,search,email,url,tel,number,textarea';

/** The defaults from issue 4, in the order their reasons are preferred. */
export const DEFAULT_RULE_SPECS: readonly RuleSpec[] = [
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=lock service=unlock,open', reason: 'unlocking or opening a lock needs a yes' },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=alarm_control_panel service=alarm_disarm', reason: 'disarming the alarm needs a yes' },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    match: `domain=cover device_class=garage,gate,door service!=${CLOSING_COVER}`,
    reason: 'opening a garage door, gate or door needs a yes',
  },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    // Classed as a blind or shutter (relay modules often are) while its name says otherwise: what
    // it really is, nobody knows, so closing asks too. One classed as a gate follows the rule above.
    match: `domain=cover name_says=garage,gate,door device_class!=garage,gate,door service!=${STOPPING_COVER}`,
    reason: 'opening or closing a cover whose name says garage, gate or door needs a yes',
  },
  {
    // Closing asks too: with no device class nothing says there is no one in the way.
    effect: 'ask',
    tool: 'ha_call_service',
    match: `domain=cover entity_domain=cover device_class!=${PLAIN_COVERS},garage,gate,door service!=${STOPPING_COVER}`,
    reason: 'opening or closing a cover that may be a gate or a door (it has no device class) needs a yes',
  },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=valve', reason: 'operating a valve needs a yes' },
  { effect: 'ask', tool: 'ha_call_service', match: 'domain=siren', reason: 'sounding a siren needs a yes' },
  {
    effect: 'ask',
    tool: 'ha_call_service',
    match: 'domain=homeassistant',
    reason: 'homeassistant.* services can restart Home Assistant or switch any device, so they need a yes',
  },
  { effect: 'ask', tool: 'mail_send', reason: 'sending an e-mail needs a yes' },
  {
    effect: 'ask',
    tool: 'browser_act',
    match: `action=type field_type!=${PLAIN_FIELDS}`,
    reason: 'typing into a password field (or a field Majordome cannot identify) needs a yes',
  },
  {
    effect: 'ask',
    tool: 'browser_act',
    match: 'action=click,press submits!=false',
    reason: 'submitting a form (or a click Majordome cannot tell is harmless) needs a yes',
  },
  { effect: 'ask', tool: 'shell_run', reason: 'running a shell command needs a yes' },

  { effect: 'allow', tool: '*', match: 'effect=read', reason: 'reading changes nothing' },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=light,switch,media_player,fan,vacuum', reason: 'lights, switches, media, fans and vacuums are allowed' },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=scene service=turn_on', reason: 'activating a scene is allowed' },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=climate service!=set_temperature', reason: 'climate modes are allowed' },
  {
    effect: 'allow',
    tool: 'ha_call_service',
    match: `domain=climate service=set_temperature temperature_c=${SANE_TEMPERATURE_C.min}..${SANE_TEMPERATURE_C.max}`,
    reason: `temperatures from ${SANE_TEMPERATURE_C.min} to ${SANE_TEMPERATURE_C.max} °C are allowed`,
  },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=cover', reason: 'blinds, shades and curtains are allowed' },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=lock', reason: 'locking is allowed' },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=alarm_control_panel service=alarm_arm_*', reason: 'arming the alarm is allowed' },
  {
    effect: 'allow',
    tool: 'ha_call_service',
    match: 'domain=weather,calendar,todo service=get_forecasts,get_events,get_items',
    reason: 'reading forecasts, calendars and lists is allowed',
  },
  { effect: 'allow', tool: 'ha_call_service', match: 'domain=todo service=add_item,update_item', reason: 'adding to a list is allowed' },
  { effect: 'allow', tool: 'browser_*', reason: 'browsing is allowed' },
  { effect: 'allow', tool: 'mail_move', reason: 'filing an e-mail is allowed' },
  { effect: 'allow', tool: 'mail_mark', reason: 'marking an e-mail read, unread or flagged is allowed' },
  { effect: 'allow', tool: 'memory_save', reason: 'remembering a fact is allowed' },
  { effect: 'allow', tool: 'task_*', reason: 'scheduling is allowed' },
  { effect: 'allow', tool: 'notify_user', reason: 'notifying you is allowed' },
];

/** What is left when no rule matched: known reads run, unknown services and outward calls ask. */
export const FALLBACK_RULE_SPECS: readonly RuleSpec[] = [
  { effect: 'allow', tool: '*', match: 'effect=read', reason: 'reading changes nothing' },
  { effect: 'ask', tool: 'ha_call_service', reason: 'Majordome has no rule for this service, so it asks first' },
  { effect: 'ask', tool: '*', match: 'effect=external', reason: 'this can send data outside the home, so it asks first' },
  { effect: 'allow', tool: '*', match: 'effect=write', reason: 'local change allowed by default' },
];

/** The defaults, parsed (a syntax error here fails every test at import). */
export const DEFAULT_RULES: readonly PolicyRule[] = DEFAULT_RULE_SPECS.map((spec) => buildRule(spec, 'default'));

/** The fallback, parsed. */
export const FALLBACK_RULES: readonly PolicyRule[] = FALLBACK_RULE_SPECS.map((spec) => buildRule(spec, 'fallback'));
