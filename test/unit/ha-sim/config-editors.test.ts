/**
 * The simulator's automation and script editors, as HA core's config REST API and validate_config
 * behave: a save is validated (nothing written when malformed), then reloaded into an entity with
 * HA's attributes; a delete removes the item and its entity; only admins may use them.
 */
import type { Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.js';
import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary } from './support.js';

describe('HA simulator automation and script editors', () => {
  let sim: HaSim;
  let conn: Connection;
  const call = (method: string, path: string, body?: unknown, token = sim.adminToken) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const porch = {
    alias: 'Porch light at sunset',
    triggers: [{ trigger: 'sun', event: 'sunset' }],
    conditions: [],
    actions: [{ action: 'light.turn_on', target: { entity_id: 'light.garage' } }],
    mode: 'single',
  };

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('saves an automation, reloads it into an entity with HA attributes, and serves it back with its id', async () => {
    expect(await (await call('POST', '/core/api/config/automation/config/1700000000000', porch)).json()).toEqual({ result: 'ok' });
    await until(() => sim.getState('automation.porch_light_at_sunset') !== undefined, 'automation.porch_light_at_sunset');
    expect(sim.getState('automation.porch_light_at_sunset')).toMatchObject({
      state: 'on',
      attributes: { id: '1700000000000', last_triggered: null, mode: 'single', current: 0, friendly_name: 'Porch light at sunset' },
    });
    expect(await (await call('GET', '/api/config/automation/config/1700000000000')).json()).toEqual({ id: '1700000000000', ...porch });
    expect((await call('GET', '/api/config/automation/config/nope')).status).toBe(404);
  });

  it('refuses a malformed automation with HA message and writes nothing', async () => {
    const response = await call('POST', '/api/config/automation/config/1700000000001', { alias: 'Broken', actions: [] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Message malformed: required key not provided @ data['triggers']" });
    expect(sim.savedConfig('automation', '1700000000001')).toBeUndefined();
  });

  it('deletes an automation and its entity; an unknown one is "Resource not found"', async () => {
    await call('POST', '/api/config/automation/config/gone', { alias: 'Gone soon', triggers: [{ trigger: 'time', at: '07:00' }], actions: [{ delay: 1 }] });
    await until(() => sim.getState('automation.gone_soon') !== undefined, 'automation.gone_soon');
    expect((await call('DELETE', '/api/config/automation/config/gone')).status).toBe(200);
    await until(() => sim.getState('automation.gone_soon') === undefined, 'its removal');
    expect(sim.savedConfig('automation', 'gone')).toBeUndefined();
    expect(await (await call('DELETE', '/api/config/automation/config/gone')).json()).toEqual({ message: 'Resource not found' });
  });

  it('saves scripts under a slug key only', async () => {
    const script = { alias: 'Wake up', sequence: [{ action: 'light.turn_on', target: { entity_id: 'light.garage' } }], mode: 'single' };
    expect((await call('POST', '/api/config/script/config/wake_up', script)).status).toBe(200);
    await until(() => sim.getState('script.wake_up') !== undefined, 'script.wake_up');
    expect(sim.getState('script.wake_up')).toMatchObject({ state: 'off', attributes: { friendly_name: 'Wake up', mode: 'single' } });
    expect(await (await call('GET', '/api/config/script/config/wake_up')).json()).toEqual(script);
    expect(await (await call('POST', '/api/config/script/config/Wake Up', script)).json()).toEqual({ message: 'Key malformed: invalid slug Wake Up' });
    expect(await (await call('POST', '/api/config/script/config/other', { alias: 'x' })).json()).toEqual({
      message: "Message malformed: required key not provided @ data['sequence']",
    });
  });

  it('is for admins only', async () => {
    expect((await call('GET', '/api/config/automation/config/1700000000000', undefined, 'sim-user-token')).status).toBe(401);
    expect((await call('POST', '/api/config/script/config/x', { sequence: [] }, 'sim-user-token')).status).toBe(401);
  });

  it('validate_config answers valid or HA reason for each part asked', async () => {
    expect(
      await conn.sendMessagePromise({
        type: 'validate_config',
        triggers: [{ trigger: 'state', entity_id: 'light.garage' }],
        conditions: [{ condition: 'sometimes' }],
        actions: [{ nothing: true }],
      }),
    ).toEqual({
      triggers: { valid: true, error: null },
      conditions: { valid: false, error: "Unexpected value for condition: 'sometimes'. Expected and, device, not, numeric_state, or, state, sun, template, time, trigger, zone" },
      actions: { valid: false, error: 'Unable to determine action @ data[0]' },
    });
    expect(await conn.sendMessagePromise({ type: 'validate_config', triggers: { trigger: 'moon' } })).toEqual({
      triggers: { valid: false, error: "Invalid trigger 'moon' specified" },
    });
  });
});
