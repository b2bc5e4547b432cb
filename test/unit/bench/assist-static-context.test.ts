import { describe, expect, it } from 'vitest';
import { buildStaticContext, getExposedEntities, STATIC_CONTEXT_HEADER } from '../../../bench/assist-static-context.js';
import { buildAssistTools } from '../../../bench/assist-tools.js';
import type { SimEntityEntry, SimHome, SimState } from '../../../test/ha-sim/index.js';

const context = { id: 'ctx', parent_id: null, user_id: null };
const time = '2026-01-01T12:00:00+00:00';

function state(entity_id: string, value: string, attributes: Record<string, unknown> = {}): SimState {
  return { entity_id, state: value, attributes, last_changed: time, last_updated: time, context };
}

function entry(entity_id: string, extra: Partial<SimEntityEntry> = {}): SimEntityEntry {
  return { entity_id, name: null, original_name: null, aliases: [], area_id: null, device_id: null, entity_category: null, hidden_by: null, platform: 'test', unique_id: entity_id, ...extra };
}

/** A small home exercising HA's default exposure rules, areas through devices, aliases and splits. */
function smallHome(): SimHome {
  return {
    name: 'Small',
    config: {},
    floors: [],
    areas: [
      { area_id: 'kitchen', name: 'Kitchen', aliases: ['Cookhouse'], floor_id: null, icon: null },
      { area_id: 'office', name: 'Office', aliases: [], floor_id: null, icon: null },
    ],
    devices: [{ id: 'dev1', name: 'Kitchen Lamp', name_by_user: null, area_id: 'kitchen', manufacturer: null, model: null }],
    states: [
      state('light.kitchen_lamp', 'on', { friendly_name: 'Kitchen Lamp', brightness: 128, supported_features: 32 }),
      state('sensor.office_temperature', '21.5', { friendly_name: 'Office Temperature', device_class: 'temperature', unit_of_measurement: '°C' }),
      state('sensor.kitchen_lamp_power', '4.2', { friendly_name: 'Kitchen Lamp Power', device_class: 'power' }),
      state('sensor.lamp_battery', '80', { friendly_name: 'Lamp Battery', device_class: 'battery' }),
      state('lock.front_door', 'locked', { friendly_name: 'Front Door' }),
      state('lock.back_door', 'locked', { friendly_name: 'Back Door' }),
      state('script.good_night', 'off', { friendly_name: 'Good Night' }),
      state('calendar.family', 'off', { friendly_name: 'Family' }),
      state('todo.shopping_list', '3', { friendly_name: 'Shopping List' }),
    ],
    entities: [
      entry('light.kitchen_lamp', { device_id: 'dev1', aliases: ['Main light'] }),
      entry('sensor.office_temperature', { area_id: 'office' }),
      entry('sensor.lamp_battery', { device_id: 'dev1', entity_category: 'diagnostic' }),
    ],
    exposed: { 'lock.back_door': true, 'script.good_night': true, 'calendar.family': true },
    services: {},
  };
}

describe('HA Assist static context, rebuilt from a simulator home', () => {
  it('lists exposed entities sorted by name, with aliases, areas (from the device when needed) and no state', () => {
    const text = buildStaticContext(getExposedEntities(smallHome(), false));
    expect(text).toBe(
      [
        STATIC_CONTEXT_HEADER,
        '- names: Back Door',
        '  domain: lock',
        '- names: Kitchen Lamp, Main light',
        '  domain: light',
        '  areas: Kitchen, Cookhouse',
        '- names: Office Temperature',
        '  domain: sensor',
        '  areas: Office',
        '- names: Shopping List',
        '  domain: todo',
        '',
      ].join('\n'),
    );
  });

  it('follows HA defaults: unexposed locks, power and diagnostic sensors stay out; explicit choices win', () => {
    const exposure = getExposedEntities(smallHome(), false);
    const all = [...exposure.entities.keys(), ...exposure.scripts.keys(), ...exposure.calendars.keys()];
    expect(all).not.toContain('lock.front_door');
    expect(all).not.toContain('sensor.kitchen_lamp_power');
    expect(all).not.toContain('sensor.lamp_battery');
    expect(exposure.scripts.has('script.good_night')).toBe(true);
    expect(exposure.calendars.has('calendar.family')).toBe(true);
  });

  it('with states (older HA) adds state and interesting attributes, integers as strings and on/off quoted', () => {
    const text = buildStaticContext(getExposedEntities(smallHome(), true));
    expect(text).toContain(['- names: Kitchen Lamp, Main light', '  domain: light', "  state: 'on'", '  areas: Kitchen, Cookhouse', '  attributes:', "    brightness: '128'"].join('\n'));
    expect(text).toContain(['  state: \'21.5\'', '  areas: Office', '  attributes:', '    device_class: temperature', '    unit_of_measurement: °C'].join('\n'));
    expect(text).not.toContain('supported_features');
  });

  it('is empty when nothing is exposed', () => {
    expect(buildStaticContext(getExposedEntities({ ...smallHome(), states: [] }, false))).toBe('');
  });
});

describe('HA Assist tool list model', () => {
  it('offers intents only for exposed domains, plus the readers and one tool per exposed script', () => {
    const names = buildAssistTools(getExposedEntities(smallHome(), false)).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['HassTurnOn', 'HassTurnOff', 'HassLightSet', 'HassListAddItem', 'GetDateTime', 'GetLiveContext', 'calendar_get_events', 'todo_get_items', 'good_night']));
    expect(names).not.toContain('HassMediaPause');
    expect(names).not.toContain('HassVacuumStart');
  });

  it('names the exposed to-do lists in the reader tool', () => {
    const todo = buildAssistTools(getExposedEntities(smallHome(), false)).find((t) => t.name === 'todo_get_items');
    expect(JSON.stringify(todo?.input_schema)).toContain('"enum":["Shopping List"]');
  });
});
