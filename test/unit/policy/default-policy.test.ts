import { describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../../src/policy/policy.js';
import type { BrowserRefFacts } from '../../../src/tools/browser/call-declarations.js';
import type { ToolEffect } from '../../../src/tools/tool.js';
import { policyOver, testTools, type PlainCall } from './described-calls.js';
import { KNOWN_TOOLS } from '../../../src/policy/rules/default-rules.js';
import { createBrowserTools } from '../../../src/tools/browser.js';
import { createHomeTools } from '../../../src/tools/home.js';
import { createMailTools } from '../../../src/tools/mail.js';
import { createMemoryTools } from '../../../src/tools/memory.js';
import { createNotifyTools } from '../../../src/tools/notify.js';
import { createShellTools } from '../../../src/tools/shell.js';
import { createTaskTools } from '../../../src/tools/tasks.js';

function policyFor(unit = '°C', browserFacts?: BrowserRefFacts) {
  return policyOver(testTools({ temperatureUnit: unit, ...(browserFacts && { browserFacts }) }));
}

const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };

function service(domain: string, name: string, target?: Record<string, unknown>, data?: Record<string, unknown>): PlainCall {
  return { tool: 'ha_call_service', effect: 'write', input: { domain, service: name, ...(target && { target }), ...(data && { data }) } };
}

function call(tool: string, effect: ToolEffect, input: unknown = {}): PlainCall {
  return { tool, effect, input };
}

const decide = (request: PlainCall, unit?: string): PolicyDecision => policyFor(unit).decide(request, context);

describe('default policy: the home', () => {
  const table: Array<[string, PlainCall, PolicyDecision['effect']]> = [
    ['find entities (read)', call('ha_find_entities', 'read', { query: 'lock' }), 'allow'],
    ['read a state', call('ha_get_state', 'read', { entity_id: 'lock.front_door' }), 'allow'],
    ['list areas', call('ha_list_areas', 'read'), 'allow'],
    ['turn on a light', service('light', 'turn_on', { entity_id: 'light.kitchen' }), 'allow'],
    ['toggle a switch', service('switch', 'toggle', { entity_id: 'switch.coffee_maker' }), 'allow'],
    ['play media', service('media_player', 'media_play', { entity_id: 'media_player.living_room' }), 'allow'],
    ['set a fan speed', service('fan', 'set_percentage', { entity_id: 'fan.bedroom' }, { percentage: 50 }), 'allow'],
    ['start the vacuum', service('vacuum', 'start', { entity_id: 'vacuum.downstairs' }), 'allow'],
    ['activate a scene', service('scene', 'turn_on', { entity_id: 'scene.movie_night' }), 'allow'],
    ['apply an ad-hoc scene that unlocks a door', service('scene', 'apply', undefined, { entities: { 'lock.front_door': 'unlocked' } }), 'ask'],
    ['set the heating to 21 °C', service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { temperature: 21 }), 'allow'],
    ['set the heating to 7 °C (edge)', service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { temperature: 7 }), 'allow'],
    ['set the heating to 35 °C', service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { temperature: 35 }), 'ask'],
    ['set the heating to 5 °C', service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { temperature: 5 }), 'ask'],
    [
      'a range with one end too hot',
      service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { target_temp_low: 18, target_temp_high: 32 }),
      'ask',
    ],
    ['change the hvac mode', service('climate', 'set_hvac_mode', { entity_id: 'climate.hallway' }, { hvac_mode: 'heat' }), 'allow'],
    ['open the blinds', service('cover', 'open_cover', { entity_id: 'cover.living_room_blinds' }), 'allow'],
    ['open a cover without device class (it could be a gate)', service('cover', 'open_cover', { entity_id: 'cover.kitchen_window' }), 'ask'],
    ['close a cover without device class (it could be a gate with someone in the way)', service('cover', 'close_cover', { entity_id: 'cover.kitchen_window' }), 'ask'],
    ['open the garage door', service('cover', 'open_cover', { entity_id: 'cover.garage_door' }), 'ask'],
    ['set the gate position', service('cover', 'set_cover_position', { entity_id: 'cover.driveway_gate' }, { position: 50 }), 'ask'],
    ['toggle a door cover', service('cover', 'toggle', { entity_id: 'cover.front_door' }), 'ask'],
    ['close the garage door', service('cover', 'close_cover', { entity_id: 'cover.garage_door' }), 'allow'],
    ['open every cover of the garage area', service('cover', 'open_cover', { area_id: 'garage' }), 'ask'],
    ['unlock the front door', service('lock', 'unlock', { entity_id: 'lock.front_door' }), 'ask'],
    ['open (unlatch) a lock', service('lock', 'open', { entity_id: 'lock.back_door' }), 'ask'],
    ['lock a door', service('lock', 'lock', { entity_id: 'lock.front_door' }), 'allow'],
    ['disarm the alarm', service('alarm_control_panel', 'alarm_disarm', { entity_id: 'alarm_control_panel.home' }), 'ask'],
    ['arm the alarm', service('alarm_control_panel', 'alarm_arm_away', { entity_id: 'alarm_control_panel.home' }), 'allow'],
    ['open a valve', service('valve', 'open_valve', { entity_id: 'valve.garden_water' }), 'ask'],
    ['close a valve', service('valve', 'close_valve', { entity_id: 'valve.garden_water' }), 'ask'],
    ['sound a siren', service('siren', 'turn_on', { entity_id: 'siren.hallway' }), 'ask'],
    ['restart Home Assistant', service('homeassistant', 'restart'), 'ask'],
    ['homeassistant.turn_on on a light', service('homeassistant', 'turn_on', { entity_id: 'light.kitchen' }), 'ask'],
    ['a domain the policy does not know', service('input_boolean', 'turn_on', { entity_id: 'input_boolean.vacation_mode' }), 'ask'],
    ['a service the policy does not know', service('scene', 'create', undefined, { scene_id: 'x' }), 'ask'],
    ['weather forecast (a read through a service)', service('weather', 'get_forecasts', { entity_id: 'weather.home' }, { type: 'daily' }), 'allow'],
    ['add to the shopping list', service('todo', 'add_item', { entity_id: 'todo.shopping_list' }, { item: 'milk' }), 'allow'],
    ['a hidden entity', service('light', 'turn_on', { entity_id: 'lock.safe' }), 'deny'],
    ['an unknown entity', service('light', 'turn_on', { entity_id: 'light.nowhere' }), 'deny'],
    ['a hidden entity named inside data', service('scene', 'apply', undefined, { entities: { 'lock.safe': 'unlocked' } }), 'deny'],
    ['reading a hidden entity', call('ha_get_state', 'read', { entity_id: 'lock.safe' }), 'deny'],
  ];

  it.each(table)('%s → %s', (_name, request, expected) => {
    expect(decide(request).effect).toBe(expected);
  });

  it('judges each target: blinds and the garage door together ask, naming only the garage door', () => {
    const decision = decide(service('cover', 'open_cover', { entity_id: ['cover.living_room_blinds', 'cover.garage_door', 'cover.driveway_gate'] }));
    expect(decision).toEqual({
      effect: 'ask',
      reason: 'opening a garage door, gate or door needs a yes (cover.driveway_gate, cover.garage_door)',
      reasonWords: expect.objectContaining({ key: 'policy.for_targets' }),
      rule: 'default',
    });
  });

  it('expands a device target like the tool: the garage light and garage door are judged apart', () => {
    expect(decide(service('cover', 'open_cover', { device_id: 'dev-garage' })).effect).toBe('ask');
    expect(decide(service('light', 'turn_on', { device_id: 'dev-garage' })).effect).toBe('allow');
  });

  it('reads temperatures in the home unit: 70 °F is fine, 95 °F asks', () => {
    const set = (t: number) => service('climate', 'set_temperature', { entity_id: 'climate.hallway' }, { temperature: t });
    expect(decide(set(70), '°F').effect).toBe('allow');
    expect(decide(set(95), '°F').effect).toBe('ask');
    expect(decide(set(40), '°F').effect).toBe('ask');
  });

  it('says why in plain words, and names the rule that decided', () => {
    expect(decide(service('lock', 'unlock', { entity_id: 'lock.front_door' }))).toEqual({
      effect: 'ask',
      reason: 'unlocking or opening a lock needs a yes (lock.front_door)',
      reasonWords: expect.objectContaining({ key: 'policy.for_targets' }),
      rule: 'default',
    });
    expect(decide(service('input_boolean', 'turn_on', { entity_id: 'input_boolean.vacation_mode' }))).toMatchObject({
      reason: expect.stringMatching(/no rule for this service/),
      rule: 'fallback',
    });
    expect(decide(service('light', 'turn_on', { entity_id: 'lock.safe' }))).toEqual({
      effect: 'deny',
      reason: 'lock.safe: not found or not available to the assistant (entity_access).',
      rule: 'entity_access',
    });
  });
});

describe('default policy: mail, browser, shell and other tools', () => {
  it.each<[string, PlainCall, PolicyDecision['effect']]>([
    ['search mail', call('mail_search', 'read', { query: 'invoice' }), 'allow'],
    ['send a mail', call('mail_send', 'external', { to: 'bob@example.com', subject: 'hi', body: 'hello' }), 'ask'],
    ['move a mail', call('mail_move', 'write', { uid: 3, folder: 'Archive' }), 'allow'],
    ['mark a mail read', call('mail_mark', 'write', { uid: 3, seen: true }), 'allow'],
    ['open a web page', call('browser_open', 'external', { url: 'https://example.com/' }), 'allow'],
    ['take a snapshot', call('browser_snapshot', 'read'), 'allow'],
    ['select an option', call('browser_act', 'external', { ref: 'e4', action: 'select', text: 'Paris' }), 'allow'],
    ['type without knowing the field', call('browser_act', 'external', { ref: 'e5', action: 'type', text: 'hunter2' }), 'ask'],
    ['click without knowing what it does', call('browser_act', 'external', { ref: 'e6', action: 'click' }), 'ask'],
    ['run a shell command', call('shell_run', 'external', { command: 'ls' }), 'ask'],
    ['save a memory', call('memory_save', 'write', { fact: 'likes tea' }), 'allow'],
    ['schedule a task', call('task_schedule', 'write', { prompt: 'Water the plants', at: '2030-01-01T00:00:00Z' }), 'allow'],
    ['notify the user', call('notify_user', 'external', { message: 'hi' }), 'allow'],
    ['an unknown read tool', call('demo_read', 'read'), 'allow'],
    ['an unknown local tool', call('demo_write', 'write'), 'allow'],
    ['an unknown outward tool', call('demo_send', 'external'), 'ask'],
  ])('%s → %s', (_name, request, expected) => {
    expect(decide(request).effect).toBe(expected);
  });

  it('uses what the browser knows about fields and clicks', () => {
    // e1 a password field, e2 a search field, e3 a buy button, e4 a link to the next page.
    const policy = policyFor('°C', {
      factsOf: (ref) => (ref === 'e1' ? { field_type: 'password' } : ref === 'e2' ? { field_type: 'search' } : { click_submits: ref === 'e3' }),
    });
    const act = (ref: string, action: string) => policy.decide(call('browser_act', 'external', { ref, action, text: 'x' }), context).effect;
    expect(act('e1', 'type')).toBe('ask');
    expect(act('e2', 'type')).toBe('allow');
    expect(act('e3', 'click')).toBe('ask');
    expect(act('e4', 'click')).toBe('allow');
  });
});

describe('the defaults know every tool Majordome has', () => {
  it('names each registered tool in KNOWN_TOOLS (or the home tools), with the effect its rules expect', () => {
    const stub = {} as never;
    const tools = [
      ...createHomeTools({ ha: stub, index: stub }),
      ...createNotifyTools({ ha: stub }),
      ...createMailTools({ mail: stub }),
      ...createBrowserTools({ browser: stub }),
      ...createShellTools({ shell: stub }),
      ...createMemoryTools({ memories: stub, secrets: stub }),
      ...createTaskTools({ tasks: stub }),
    ];
    const known = new Set<string>(Object.values(KNOWN_TOOLS).flat());
    const unknown = tools.filter((t) => !t.name.startsWith('ha_') && !known.has(t.name)).map((t) => t.name);
    expect(unknown).toEqual([]);
    expect(tools.length).toBeGreaterThanOrEqual(21);
    // mail_mark changes only the mailbox: allowed, but it asks like every write once the conversation read outside text.
    const mark = tools.find((t) => t.name === 'mail_mark');
    expect(mark?.effect).toBe('write');
    const tainted = { ...context, tainted: { source: 'a mail from mallory@example.com' } };
    expect(policyFor().decide(call('mail_mark', 'write', { uid: 3, seen: true }), tainted).effect).toBe('ask');
  });
});
