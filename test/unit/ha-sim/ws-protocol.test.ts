import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary, RawClient } from './support.js';

describe('HA simulator WebSocket protocol', () => {
  let sim: HaSim;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome(), authTimeoutMs: 300 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('asks for auth, then accepts a valid token with auth_ok and the HA version', async () => {
    const client = await RawClient.open(sim.url);
    expect(await client.next()).toEqual({ type: 'auth_required', ha_version: '2026.11.0' });
    client.send({ type: 'auth', access_token: sim.adminToken });
    expect(await client.next()).toEqual({ type: 'auth_ok', ha_version: '2026.11.0' });
    client.close();
  });

  it('answers a wrong token with auth_invalid and closes the socket', async () => {
    const client = await RawClient.open(sim.url);
    await client.next();
    client.send({ type: 'auth', access_token: 'nope' });
    expect(await client.next()).toEqual({ type: 'auth_invalid', message: 'Invalid access token or password' });
    await client.closed;
  });

  it('closes a socket that never authenticates', async () => {
    const client = await RawClient.open(sim.url);
    await client.next();
    await client.closed;
  });

  it('refuses ids that do not increase with id_reuse, and keeps serving', async () => {
    const client = await RawClient.authed(sim);
    expect(await client.command({ id: 5, type: 'ping' })).toEqual({ id: 5, type: 'pong' });
    const reused = await client.command({ id: 5, type: 'ping' });
    expect(reused).toEqual({ id: 5, type: 'result', success: false, error: { code: 'id_reuse', message: 'Identifier values have to increase.' } });
    expect((await client.command({ id: 3, type: 'get_config' })).error).toMatchObject({ code: 'id_reuse' });
    expect(await client.command({ id: 6, type: 'ping' })).toEqual({ id: 6, type: 'pong' });
    client.close();
  });

  it('answers unknown commands with unknown_command and malformed ones with invalid_format', async () => {
    const client = await RawClient.authed(sim);
    const unknown = await client.command({ id: 1, type: 'no_such_command' });
    expect(unknown).toMatchObject({ success: false, error: { code: 'unknown_command', message: 'Unknown command.' } });
    client.send({ type: 'ping' });
    expect(await client.next()).toMatchObject({ id: 0, success: false, error: { code: 'invalid_format', message: 'Message incorrectly formatted.' } });
    const missing = await client.command({ id: 2, type: 'call_service', service: 'turn_on' });
    expect(missing.error).toEqual({ code: 'invalid_format', message: "required key not provided @ data['domain']. Got None" });
    const extra = await client.command({ id: 3, type: 'get_states', foo: 1 });
    expect(extra.error).toMatchObject({ code: 'invalid_format' });
    client.close();
  });

  it('coalesces messages into one array frame after supported_features', async () => {
    const client = await RawClient.authed(sim);
    expect(await client.command({ id: 1, type: 'supported_features', features: { coalesce_messages: 1 } })).toMatchObject({ success: true });
    client.send({ id: 2, type: 'subscribe_entities', entity_ids: ['light.garage'] });
    expect(await client.next()).toMatchObject({ id: 2, type: 'result', success: true });
    const initial = await client.next();
    expect(initial).toMatchObject({ id: 2, type: 'event', event: { a: { 'light.garage': { s: 'on' } } } });
    expect(client.rawFrames.some((f) => Array.isArray(f) && f.length === 2)).toBe(true);
    client.close();
  });

  it('serves the real client library: states, config, services and the current user', async () => {
    const conn = await connectLibrary(sim);
    const states = await conn.sendMessagePromise<Array<{ entity_id: string }>>({ type: 'get_states' });
    expect(states).toHaveLength(107);
    const config = await conn.sendMessagePromise<{ unit_system: { temperature: string }; version: string }>({ type: 'get_config' });
    expect(config.version).toBe('2026.11.0');
    const services = await conn.sendMessagePromise<Record<string, Record<string, { response?: unknown }>>>({ type: 'get_services' });
    expect(services.light?.turn_on).toBeDefined();
    expect(services.weather?.get_forecasts?.response).toEqual({ optional: false });
    expect(services.notify?.mobile_app_my_phone).toBeDefined();
    const me = await conn.sendMessagePromise({ type: 'auth/current_user' });
    expect(me).toMatchObject({ id: 'user-admin', name: 'Alice', is_admin: true, is_owner: true });
    conn.close();
  });

  it('accepts the Supervisor proxy paths for the WebSocket', async () => {
    for (const path of ['/core/websocket', '/core/api/websocket']) {
      const client = await RawClient.open(sim.url, path);
      expect(await client.next()).toMatchObject({ type: 'auth_required' });
      client.close();
    }
  });
});
