import { callService, type Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { INTENTS_DIAGNOSTIC, INTENTS_UNEXPOSED, loadDatasetHome, loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary, RawClient } from './support.js';

type Row = Record<string, unknown>;

describe('HA simulator registries and exposure', () => {
  let sim: HaSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('lists floors and areas with HA fields', async () => {
    const floors = await conn.sendMessagePromise<Row[]>({ type: 'config/floor_registry/list' });
    expect(floors).toHaveLength(5);
    expect(floors[0]).toMatchObject({ floor_id: 'upstairs_id', name: 'Upstairs', aliases: [], level: null });
    const areas = await conn.sendMessagePromise<Row[]>({ type: 'config/area_registry/list' });
    expect(areas).toHaveLength(8);
    expect(areas.find((a) => a.area_id === 'kitchen_id')).toMatchObject({ name: 'Kitchen', floor_id: 'first_floor_id', aliases: [] });
  });

  it('lists entities in full, compact and by id with aliases', async () => {
    const full = await conn.sendMessagePromise<Row[]>({ type: 'config/entity_registry/list' });
    expect(full).toHaveLength(107);
    expect(full[0]).not.toHaveProperty('aliases');
    const display = await conn.sendMessagePromise<{ entity_categories: Record<string, string>; entities: Row[] }>({
      type: 'config/entity_registry/list_for_display',
    });
    expect(display.entity_categories).toEqual({ '0': 'config', '1': 'diagnostic' });
    expect(display.entities.find((e) => e.ei === INTENTS_DIAGNOSTIC)).toMatchObject({ ec: 1, pl: 'intents_fixture' });
    expect(display.entities.find((e) => e.ei === 'light.kitchen_ceiling')).toMatchObject({ ai: 'kitchen_id', lb: [] });
    const entries = await conn.sendMessagePromise<Record<string, Row | null>>({
      type: 'config/entity_registry/get_entries',
      entity_ids: ['light.garage', 'light.nope'],
    });
    expect(entries['light.garage']).toMatchObject({ entity_id: 'light.garage', aliases: [], original_name: 'Garage Light', area_id: 'garage_id' });
    expect(entries['light.nope']).toBeNull();
  });

  it('lists Assist exposure for admins only: every registry entry, {} when nobody decided', async () => {
    const result = await conn.sendMessagePromise<{ exposed_entities: Record<string, { conversation: boolean }> }>({
      type: 'homeassistant/expose_entity/list',
    });
    expect(result.exposed_entities[INTENTS_UNEXPOSED[0]]).toEqual({ conversation: false });
    expect(result.exposed_entities['light.garage']).toEqual({ conversation: true });
    expect(result.exposed_entities[INTENTS_DIAGNOSTIC]).toEqual({});
    const bob = await RawClient.authed(sim, 'sim-user-token');
    expect((await bob.command({ id: 1, type: 'homeassistant/expose_entity/list' })).error).toMatchObject({ code: 'unauthorized' });
    expect((await bob.command({ id: 2, type: 'config/auth/list' })).error).toMatchObject({ code: 'unauthorized' });
    bob.close();
  });

  it("answers Assist's expose-new-entities setting to admins, and refuses an unknown assistant like HA", async () => {
    expect(await conn.sendMessagePromise({ type: 'homeassistant/expose_new_entities/get', assistant: 'conversation' })).toEqual({ expose_new: true });
    await expect(conn.sendMessagePromise({ type: 'homeassistant/expose_new_entities/get', assistant: 'siri' })).rejects.toMatchObject({
      code: 'invalid_format',
    });
    const bob = await RawClient.authed(sim, 'sim-user-token');
    const refused = await bob.command({ id: 1, type: 'homeassistant/expose_new_entities/get', assistant: 'conversation' });
    expect(refused.error).toMatchObject({ code: 'unauthorized' });
    bob.close();
  });

  it('lists users like HA: admins in the system-admin group', async () => {
    const users = await conn.sendMessagePromise<Row[]>({ type: 'config/auth/list' });
    expect(users).toEqual([
      expect.objectContaining({ id: 'user-admin', username: 'alice', name: 'Alice', is_owner: true, group_ids: ['system-admin'] }),
      expect.objectContaining({ id: 'user-bob', username: 'bob', name: 'Bob', is_owner: false, group_ids: ['system-users'] }),
    ]);
  });

  it('records history: seeded readings and every change, in the compressed format', async () => {
    const start = new Date(Date.now() - 48 * 3_600_000).toISOString();
    await callService(conn, 'switch', 'turn_off', undefined, { entity_id: 'switch.kitchen' });
    const history = await conn.sendMessagePromise<Record<string, Array<Record<string, unknown>>>>({
      type: 'history/history_during_period',
      start_time: start,
      entity_ids: ['switch.kitchen', 'sensor.outside_temperature'],
      minimal_response: true,
      no_attributes: true,
    });
    const kitchen = history['switch.kitchen'] ?? [];
    expect(kitchen.map((r) => r.s)).toEqual(['on', 'off']);
    expect(typeof kitchen[1]?.lu).toBe('number');
    expect(kitchen[1]).not.toHaveProperty('a');
    expect((history['sensor.outside_temperature'] ?? []).length).toBeGreaterThan(20);
  });
});

describe('HA simulator registries of a device-based home', () => {
  it('lists devices and leaves entity areas to their device', async () => {
    const sim = await startHaSim({ home: loadDatasetHome('home1-us') });
    const conn = await connectLibrary(sim);
    const devices = await conn.sendMessagePromise<Row[]>({ type: 'config/device_registry/list' });
    expect(devices.find((d) => d.id === 'smart_lock')).toMatchObject({ name: 'Smart Lock', area_id: 'entry', manufacturer: 'Schlage', name_by_user: null });
    const display = await conn.sendMessagePromise<{ entities: Row[] }>({ type: 'config/entity_registry/list_for_display' });
    const lock = display.entities.find((e) => e.ei === 'lock.smart_lock');
    expect(lock).toMatchObject({ di: 'smart_lock' });
    expect(lock).not.toHaveProperty('ai');
    conn.close();
    await sim.stop();
  });
});
