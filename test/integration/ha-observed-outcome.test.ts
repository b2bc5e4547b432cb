import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

type Out = Record<string, unknown>;

describe('ha_call_service reports what HA shows, not what it was asked', () => {
  let stack: HomeStack;

  beforeAll(async () => {
    stack = await startHomeStack(loadIntentsHome(), 'all');
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    for (const id of ['light.bedroom_lamp', 'light.kitchen_ceiling', 'light.kitchen_countertop', 'light.kitchen_cabinets', 'lock.front_door']) {
      stack.sim.setDeviceBehaviour(id, 'normal');
    }
  });

  it('a light that turns on: before → after, and the reply is kept for the finish', async () => {
    stack.sim.setState('light.bedroom_lamp', 'off');
    const result = await stack.run('ha_call_service', {
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.bedroom_lamp' },
      data: { brightness_pct: 40 },
      reply: 'The bedroom lamp is on at 40%.',
    });
    expect(result.ok).toBe(true);
    expect((result.output as Out)['observed']).toEqual([
      { entity_id: 'light.bedroom_lamp', before: { state: 'off' }, after: { state: 'on', brightness_pct: 40 } },
    ]);
    expect(result.summary).toBe('Bedroom Lamp: off → on (brightness 40%)');
    expect(result.finalAnswer).toBe('The bedroom lamp is on at 40%.');
  });

  it('words the outcome for people in their language with HA’s words for the states; the model still reads it in English', async () => {
    stack.sim.setState('light.kitchen_ceiling', 'off');
    stack.sim.setState('light.kitchen_cabinets', 'off');
    stack.sim.setDeviceBehaviour('light.kitchen_cabinets', 'stuck');
    const result = await stack.run(
      'ha_call_service',
      { domain: 'light', service: 'turn_on', target: { entity_id: ['light.kitchen_ceiling', 'light.kitchen_cabinets'] }, data: { brightness_pct: 40 } },
      { language: 'fr' },
    );
    expect(result.summary).toBe('Kitchen cabinets : aucun changement observé (toujours éteint), Kitchen ceiling : Éteint → Allumé (luminosité 40 %)');
    expect((result.output as Out)['outcome']).toBe('Kitchen cabinets: no change observed (still off), Kitchen ceiling: off → on (brightness 40%)');
  });

  it('a device that accepts the call and never changes: no_change_observed, and no reply', async () => {
    stack.sim.setState('light.bedroom_lamp', 'off');
    stack.sim.setDeviceBehaviour('light.bedroom_lamp', 'stuck');
    const result = await stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' }, reply: 'Done, the lamp is on.' });
    expect(stack.sim.serviceCalls.at(-1)).toMatchObject({ domain: 'light', service: 'turn_on' });
    expect(JSON.stringify(result.output)).toContain('no_change_observed');
    expect((result.output as Out)['no_change_observed']).toEqual(['light.bedroom_lamp']);
    expect(result.summary).toBe('Bedroom Lamp: no change observed (still off)');
    expect(result.finalAnswer).toBeUndefined();
  });

  it('an entity already in the asked state is reported as such', async () => {
    stack.sim.setState('lock.front_door', 'locked');
    const result = await stack.run('ha_call_service', { domain: 'lock', service: 'lock', target: { entity_id: 'lock.front_door' }, reply: 'The front door is locked.' });
    expect((result.output as Out)['observed']).toEqual([{ entity_id: 'lock.front_door', before: { state: 'locked' }, after: { state: 'locked' }, already: true }]);
    expect(result.summary).toBe('Front Door: already locked');
    expect((result.output as Out)['no_change_observed']).toBeUndefined();
    expect(result.finalAnswer).toBe('The front door is locked.');
  });

  it('a slow device that changes after a second is still seen to change', async () => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.setDeviceBehaviour('lock.front_door', { delayMs: 1000 });
    const result = await stack.run('ha_call_service', { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' }, reply: 'Unlocked.' });
    expect((result.output as Out)['observed']).toEqual([{ entity_id: 'lock.front_door', before: { state: 'locked' }, after: { state: 'unlocked' } }]);
    expect(result.finalAnswer).toBe('Unlocked.');
  });

  it('an area call where one of three lights stays off reports each light, and no reply', async () => {
    for (const id of ['light.kitchen_ceiling', 'light.kitchen_countertop', 'light.kitchen_cabinets']) stack.sim.setState(id, 'off');
    stack.sim.setDeviceBehaviour('light.kitchen_cabinets', 'stuck');
    const result = await stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { area_id: 'kitchen_id' }, reply: 'The kitchen lights are on.' });
    const observed = (result.output as Out)['observed'] as Out[];
    expect(observed.map((o) => [o.entity_id, (o.after as Out).state])).toEqual([
      ['light.kitchen_cabinets', 'off'],
      ['light.kitchen_ceiling', 'on'],
      ['light.kitchen_countertop', 'on'],
    ]);
    expect((result.output as Out)['no_change_observed']).toEqual(['light.kitchen_cabinets']);
    expect(result.summary).toBe('Kitchen cabinets: no change observed (still off), Kitchen ceiling: off → on, Kitchen countertop: off → on');
    expect(result.finalAnswer).toBeUndefined();
  });

  it('a thermostat set to a temperature is verified by its temperature attribute', async () => {
    const result = await stack.run('ha_call_service', {
      domain: 'climate',
      service: 'set_temperature',
      target: { entity_id: 'climate.thermostat' },
      data: { temperature: 70 },
      reply: 'Set to 70.',
    });
    expect((result.output as Out)['observed']).toEqual([
      { entity_id: 'climate.thermostat', before: { state: 'heat' }, after: { state: 'heat', temperature: 70 } },
    ]);
    expect(result.finalAnswer).toBe('Set to 70.');
  });

  it('a service with no state effect says so and never verifies', async () => {
    const result = await stack.run('ha_call_service', {
      domain: 'weather',
      service: 'get_forecasts',
      target: { entity_id: 'weather.london' },
      data: { type: 'daily' },
      reply: 'Here it is.',
    });
    expect((result.output as Out)['observed']).toBe('no_state_effect');
    expect(result.finalAnswer).toBeUndefined();
  });
});
