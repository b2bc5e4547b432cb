import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';

describe('HA simulator REST and Supervisor routes', () => {
  let sim: HaSim;
  const get = (path: string, token?: string) => fetch(`${sim.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const post = (path: string, body: unknown, token = sim.adminToken) =>
    fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('checks bearer tokens on /api/ (also under /core)', async () => {
    expect((await get('/api/', sim.adminToken)).status).toBe(200);
    expect(await (await get('/api/', 'sim-user-token')).json()).toEqual({ message: 'API running.' });
    expect((await get('/api/')).status).toBe(401);
    expect((await get('/api/', 'wrong')).status).toBe(401);
    expect((await get('/core/api/', sim.adminToken)).status).toBe(200);
  });

  it('serves states and config', async () => {
    const states = (await (await get('/api/states', sim.adminToken)).json()) as unknown[];
    expect(states).toHaveLength(107);
    expect(await (await get('/api/states/light.garage', sim.adminToken)).json()).toMatchObject({ entity_id: 'light.garage', state: 'on' });
    expect((await get('/api/states/light.nope', sim.adminToken)).status).toBe(404);
    expect(await (await get('/api/config', sim.adminToken)).json()).toMatchObject({ unit_system: { temperature: '°F' }, version: '2026.11.0' });
  });

  it('calls services and returns the changed states', async () => {
    const response = await post('/api/services/light/turn_off', { entity_id: 'light.garage' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([expect.objectContaining({ entity_id: 'light.garage', state: 'off' })]);
    expect((await post('/api/services/light/nope', {})).status).toBe(400);
    const forecast = await post('/api/services/weather/get_forecasts?return_response', { entity_id: 'weather.london', type: 'daily' });
    expect(await forecast.json()).toMatchObject({ changed_states: [], service_response: { 'weather.london': { forecast: expect.any(Array) } } });
  });

  it('takes add-on discovery and answers self info with the admin (Supervisor) token', async () => {
    const body = { service: 'wyoming', config: { uri: 'tcp://local-majordome:10500' } };
    const response = await post('/discovery', body);
    expect(await response.json()).toEqual({ result: 'ok', data: { uuid: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(sim.discoveryRequests).toEqual([body]);
    expect((await post('/discovery', body, 'sim-user-token')).status).toBe(401);
    const info = (await (await get('/addons/self/info', sim.adminToken)).json()) as { result: string; data: Record<string, unknown> };
    expect(info.result).toBe('ok');
    expect(info.data).toMatchObject({ hostname: 'local-majordome', ingress_port: 8099, ingress_entry: expect.stringMatching(/^\/api\/hassio_ingress\//) });
  });
});
