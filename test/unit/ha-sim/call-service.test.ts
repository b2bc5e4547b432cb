import { callService, type Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateHome, loadDatasetHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary } from './support.js';

/** The error a call is rejected with ({code, message} from HA). */
async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('HA simulator call_service', () => {
  let sim: HaSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadDatasetHome('home1-us'), settleMs: 5 });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('answers unknown services with not_found in HA wording', async () => {
    expect(await errorOf(callService(conn, 'light', 'foo'))).toEqual({ code: 'not_found', message: 'Service light.foo not found.' });
    expect(await errorOf(callService(conn, 'nodomain', 'turn_on'))).toMatchObject({ code: 'not_found' });
  });

  it('rejects bad data with invalid_format and voluptuous messages, and clamps brightness like HA', async () => {
    const pct = await errorOf(callService(conn, 'light', 'turn_on', { brightness_pct: 150 }, { entity_id: 'light.kitchen_light' }));
    expect(pct).toEqual({ code: 'invalid_format', message: "value must be at most 100 for dictionary value @ data['brightness_pct']" });
    const temp = await errorOf(callService(conn, 'climate', 'set_temperature', { temperature: 'warm' }, { entity_id: 'climate.thermostat' }));
    expect(temp).toEqual({ code: 'invalid_format', message: "expected float for dictionary value @ data['temperature']" });
    const extra = await errorOf(callService(conn, 'lock', 'lock', { force: true }, { entity_id: 'lock.smart_lock' }));
    expect(extra).toEqual({ code: 'invalid_format', message: "extra keys not allowed @ data['force']" });
    await callService(conn, 'light', 'turn_on', { brightness: 900 }, { entity_id: 'light.kitchen_light' });
    expect(sim.getState('light.kitchen_light')?.attributes.brightness).toBe(255);
  });

  it('refuses return_response for services without a response', async () => {
    const needs = await errorOf(conn.sendMessagePromise({ type: 'call_service', domain: 'homeassistant', service: 'turn_on', target: { entity_id: 'light.kitchen_light' }, return_response: true }));
    expect(needs).toEqual({ code: 'service_validation_error', message: "Validation error: An action which does not return responses can't be called with return_response=True" });
  });

  it('returns {context} only, attributed to the caller, and records the call', async () => {
    const result = await callService(conn, 'lock', 'unlock', undefined, { entity_id: 'lock.smart_lock' });
    expect(result).toEqual({ context: { id: expect.any(String), parent_id: null, user_id: 'user-admin' } });
    expect(sim.getState('lock.smart_lock')?.state).toBe('unlocked');
    expect(sim.serviceCalls.at(-1)).toEqual({ domain: 'lock', service: 'unlock', service_data: {}, target: { entity_id: 'lock.smart_lock' }, user_id: 'user-admin' });
  });

  it('succeeds without effect for a missing entity, and targets areas through devices', async () => {
    await callService(conn, 'light', 'turn_off', undefined, { entity_id: 'light.does_not_exist' });
    // Entities of home1-us inherit their device's area; the bedroom 1 light is only found through its device.
    await callService(conn, 'light', 'turn_on', undefined, { area_id: 'bedroom_1' });
    expect(sim.getState('light.bedroom_1_light')?.state).toBe('on');
    await callService(conn, 'homeassistant', 'turn_off', undefined, { device_id: 'bedroom_1_light' });
    expect(sim.getState('light.bedroom_1_light')?.state).toBe('off');
    await callService(conn, 'light', 'turn_off', undefined, { entity_id: 'all' });
    expect(sim.getState('light.master_bedroom_light')?.state).toBe('off');
    expect(sim.getState('light.master_bedroom_light')?.attributes.brightness).toBeNull();
  });

  it('moves covers, vacuums and media players through realistic states', async () => {
    await callService(conn, 'cover', 'set_cover_position', { position: 40 }, { entity_id: 'cover.master_bedroom_smart_blinds' });
    expect(sim.getState('cover.master_bedroom_smart_blinds')).toMatchObject({ state: 'open', attributes: { current_position: 40 } });
    await callService(conn, 'vacuum', 'start', undefined, { entity_id: 'vacuum.roborock_downstairs' });
    expect(sim.getState('vacuum.roborock_downstairs')?.state).toBe('cleaning');
    await callService(conn, 'vacuum', 'return_to_base', undefined, { entity_id: 'vacuum.roborock_downstairs' });
    expect(sim.getState('vacuum.roborock_downstairs')?.state).toBe('returning');
    await expect.poll(() => sim.getState('vacuum.roborock_downstairs')?.state).toBe('docked');
    await callService(conn, 'media_player', 'volume_set', { volume_level: 0.4 }, { entity_id: 'media_player.nest_hub' });
    await callService(conn, 'media_player', 'media_pause', undefined, { entity_id: 'media_player.nest_hub' });
    expect(sim.getState('media_player.nest_hub')).toMatchObject({ state: 'paused', attributes: { volume_level: 0.4 } });
  });

  it('validates climate modes and ranges as service validation errors', async () => {
    const mode = await errorOf(callService(conn, 'climate', 'set_hvac_mode', { hvac_mode: 'dry' }, { entity_id: 'climate.thermostat' }));
    expect(mode).toEqual({ code: 'service_validation_error', message: 'Validation error: HVAC mode dry is not valid. Valid HVAC modes are: off, cool, heat, auto.' });
    const range = await errorOf(callService(conn, 'climate', 'set_temperature', { temperature: 150 }, { entity_id: 'climate.thermostat' }));
    expect(range.code).toBe('service_validation_error');
    await callService(conn, 'climate', 'set_temperature', { temperature: 70, hvac_mode: 'heat' }, { entity_id: 'climate.thermostat' });
    expect(sim.getState('climate.thermostat')).toMatchObject({ state: 'heat', attributes: { temperature: 70 } });
  });
});

describe('HA simulator response services', () => {
  let sim: HaSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startHaSim({ home: generateHome(50) });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('requires return_response for response-only services and answers per entity', async () => {
    const missing = await errorOf(callService(conn, 'weather', 'get_forecasts', { type: 'daily' }, { entity_id: 'weather.home' }));
    expect(missing).toEqual({ code: 'service_validation_error', message: 'Validation error: The action requires responses and must be called with return_response=True' });
    const result = (await callService(conn, 'weather', 'get_forecasts', { type: 'hourly' }, { entity_id: 'weather.home' }, true)) as {
      response: Record<string, { forecast: Array<{ datetime: string; temperature: number }> }>;
    };
    expect(result.response['weather.home']?.forecast).toHaveLength(24);
  });

  it('keeps to-do items: add_item changes the count, get_items lists them', async () => {
    await callService(conn, 'todo', 'add_item', { item: 'Oat milk' }, { entity_id: 'todo.shopping_list' });
    expect(sim.getState('todo.shopping_list')?.state).toBe('4');
    const result = (await callService(conn, 'todo', 'get_items', undefined, { entity_id: 'todo.shopping_list' }, true)) as {
      response: Record<string, { items: Array<{ summary: string; status: string }> }>;
    };
    expect(result.response['todo.shopping_list']?.items.map((i) => i.summary)).toContain('Oat milk');
  });

  it('lists calendar events in a window and sends phone notifications without state', async () => {
    const result = (await callService(conn, 'calendar', 'get_events', { duration: { days: 7 } }, { entity_id: 'calendar.family' }, true)) as {
      response: Record<string, { events: Array<{ summary: string }> }>;
    };
    expect(result.response['calendar.family']?.events.length).toBeGreaterThan(0);
    await callService(conn, 'notify', 'mobile_app_alice_phone', { message: 'Approve?', data: { actions: [{ action: 'OK', title: 'OK' }] } });
    expect(sim.serviceCalls.at(-1)).toMatchObject({ domain: 'notify', service: 'mobile_app_alice_phone', service_data: { message: 'Approve?' } });
  });
});
