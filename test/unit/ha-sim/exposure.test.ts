/**
 * The simulator's Assist exposure, as HA core's homeassistant/exposed_entities.py behaves: entities
 * without a registry entry (YAML, no unique_id) keep their setting in the exposed-entities store and
 * change it without any event; registry entries keep it in their options and fire
 * `entity_registry_updated`; `homeassistant/expose_entity` is for admins only; HA's default leaves
 * locks, alarm panels and scripts unexposed.
 */
import type { Connection } from 'home-assistant-js-websocket';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildHome, type EntitySeed } from '../../ha-sim/loaders/home-builder.js';
import { startHaSim, type HaSim } from '../../ha-sim/index.js';
import { until } from '../../support/until.js';
import { connectLibrary, RawClient } from './support.js';

type Row = Record<string, unknown>;
type ExposeList = { exposed_entities: Record<string, Record<string, boolean>> };

const SEEDS: EntitySeed[] = [
  { entity_id: 'light.kitchen', name: 'Kitchen light', state: 'on' },
  { entity_id: 'lock.front_door', name: 'Front door', state: 'locked' },
  { entity_id: 'lock.kitchen_door', name: 'Kitchen door', state: 'locked', registry: false },
  { entity_id: 'media_player.radio', name: 'Radio', state: 'idle', registry: false },
  { entity_id: 'binary_sensor.back_door', name: 'Back door', state: 'off', attributes: { device_class: 'door' }, registry: false },
  { entity_id: 'sensor.office_co2', name: 'Office CO2', state: '600', attributes: { device_class: 'carbon_dioxide' } },
  { entity_id: 'sensor.washer_power', name: 'Washer power', state: '3', attributes: { device_class: 'power' } },
  { entity_id: 'alarm_control_panel.home', name: 'Alarm', state: 'disarmed' },
  { entity_id: 'script.good_night', name: 'Good night', state: 'off' },
  { entity_id: 'light.router_led', name: 'Router LED', state: 'on', entity_category: 'config' },
  { entity_id: 'switch.hidden_pump', name: 'Pump', state: 'off', hidden_by: 'user' },
];

function home(exposeNew?: boolean) {
  const built = buildHome({ name: 'Exposure', entities: SEEDS, exposed: { 'lock.kitchen_door': true } });
  return exposeNew === undefined ? built : { ...built, exposeNew };
}

describe('HA simulator: entities without a registry entry', () => {
  let sim: HaSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startHaSim({ home: home() });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('have a state but no entry in the entity registry', async () => {
    const states = await conn.sendMessagePromise<Row[]>({ type: 'get_states' });
    expect(states.map((s) => s.entity_id)).toContain('lock.kitchen_door');
    const entries = await conn.sendMessagePromise<Row[]>({ type: 'config/entity_registry/list' });
    expect(entries.map((e) => e.entity_id)).not.toContain('lock.kitchen_door');
    expect(entries.map((e) => e.entity_id)).toContain('lock.front_door');
    const byId = await conn.sendMessagePromise<Record<string, Row | null>>({ type: 'config/entity_registry/get_entries', entity_ids: ['lock.kitchen_door'] });
    expect(byId['lock.kitchen_door']).toBeNull();
  });

  it('are listed by homeassistant/expose_entity/list from the store; every registry entry is listed, {} when undecided', async () => {
    const list = await conn.sendMessagePromise<ExposeList>({ type: 'homeassistant/expose_entity/list' });
    expect(list.exposed_entities['lock.kitchen_door']).toEqual({ conversation: true });
    expect(list.exposed_entities['lock.front_door']).toEqual({});
    expect(list.exposed_entities).not.toHaveProperty('media_player.radio');
  });
});

describe('HA simulator: homeassistant/expose_entity', () => {
  let sim: HaSim;
  let conn: Connection;
  let registryEvents: Row[];
  let unsubscribe: () => Promise<void>;

  beforeEach(async () => {
    sim = await startHaSim({ home: home() });
    conn = await connectLibrary(sim);
    registryEvents = [];
    unsubscribe = await conn.subscribeEvents<Row>((event) => registryEvents.push(event), 'entity_registry_updated');
  });
  afterEach(async () => {
    await unsubscribe();
    conn.close();
    await sim.stop();
  });

  const expose = (entityIds: string[], shouldExpose: boolean, assistants = ['conversation']) =>
    conn.sendMessagePromise({ type: 'homeassistant/expose_entity', assistants, entity_ids: entityIds, should_expose: shouldExpose });
  const list = async () => (await conn.sendMessagePromise<ExposeList>({ type: 'homeassistant/expose_entity/list' })).exposed_entities;

  it('changes an entity without a registry entry in the store, firing no event', async () => {
    expect(await expose(['lock.kitchen_door', 'media_player.radio'], false)).toBeNull();
    expect(await list()).toMatchObject({ 'lock.kitchen_door': { conversation: false }, 'media_player.radio': { conversation: false } });
    // A registry entity changed afterwards is the fence: its event is the only one to arrive.
    await expose(['light.kitchen'], false);
    await until(() => registryEvents.length > 0, 'the registry event of light.kitchen', 2000);
    expect(registryEvents.map((e) => (e.data as Row).entity_id)).toEqual(['light.kitchen']);
  });

  it('changes a registry entry in its options and fires entity_registry_updated with the old options', async () => {
    await expose(['lock.front_door'], true);
    await until(() => registryEvents.length > 0, 'entity_registry_updated', 2000);
    expect(registryEvents[0]?.data).toEqual({ action: 'update', entity_id: 'lock.front_door', changes: { options: {} } });
    expect((await list())['lock.front_door']).toEqual({ conversation: true });
    const entries = await conn.sendMessagePromise<Row[]>({ type: 'config/entity_registry/list' });
    expect(entries.find((e) => e.entity_id === 'lock.front_door')?.options).toEqual({ conversation: { should_expose: true } });
    // The same value again changes nothing and fires nothing.
    await expose(['lock.front_door'], true);
    await expose(['light.kitchen'], false);
    await until(() => registryEvents.length > 1, 'the fence event', 2000);
    expect(registryEvents.map((e) => (e.data as Row).entity_id)).toEqual(['lock.front_door', 'light.kitchen']);
  });

  it('keeps other assistants apart from Assist', async () => {
    await expose(['lock.kitchen_door'], true, ['cloud.alexa']);
    expect((await list())['lock.kitchen_door']).toEqual({ conversation: true, 'cloud.alexa': true });
  });

  it('is for admins only, validates its input and refuses what HA never exposes, like HA', async () => {
    const bob = await RawClient.authed(sim, 'sim-user-token');
    const refused = await bob.command({ id: 1, type: 'homeassistant/expose_entity', assistants: ['conversation'], entity_ids: ['lock.kitchen_door'], should_expose: false });
    expect(refused.error).toMatchObject({ code: 'unauthorized' });
    bob.close();
    await expect(expose(['lock.kitchen_door'], false, ['siri'])).rejects.toMatchObject({ code: 'invalid_format' });
    await expect(conn.sendMessagePromise({ type: 'homeassistant/expose_entity', assistants: ['conversation'], entity_ids: ['lock.kitchen_door'] })).rejects.toMatchObject({
      code: 'invalid_format',
    });
    await expect(expose(['group.all_locks'], true)).rejects.toMatchObject({ code: 'not_allowed', message: "can't expose 'group.all_locks'" });
    expect((await list())['lock.kitchen_door']).toEqual({ conversation: true });
  });
});

describe('HA simulator: exposure of new entities', () => {
  let sim: HaSim | undefined;
  afterEach(async () => sim?.stop());

  it("exposes by HA's defaults: lights, media players, door sensors, CO2 sensors; not locks, alarm panels, scripts, power sensors or config entities", async () => {
    sim = await startHaSim({ home: home() });
    const exposed = SEEDS.map((s) => s.entity_id).filter((id) => sim?.shouldExpose(id));
    expect(exposed.sort()).toEqual(['binary_sensor.back_door', 'light.kitchen', 'lock.kitchen_door', 'media_player.radio', 'sensor.office_co2']);
  });

  it('exposes nothing undecided once "expose new entities" is off; explicit choices still hold', async () => {
    sim = await startHaSim({ home: home(false) });
    const exposed = SEEDS.map((s) => s.entity_id).filter((id) => sim?.shouldExpose(id));
    expect(exposed).toEqual(['lock.kitchen_door']);
  });

  it('sets "expose new entities" per assistant for admins only; Assist exposes new entities unless told not to', async () => {
    sim = await startHaSim({ home: home() });
    const conn = await connectLibrary(sim);
    const get = (assistant: string) => conn.sendMessagePromise<{ expose_new: boolean }>({ type: 'homeassistant/expose_new_entities/get', assistant });
    expect(await get('conversation')).toEqual({ expose_new: true });
    expect(await get('cloud.alexa')).toEqual({ expose_new: false });
    expect(await conn.sendMessagePromise({ type: 'homeassistant/expose_new_entities/set', assistant: 'conversation', expose_new: false })).toBeNull();
    expect(await get('conversation')).toEqual({ expose_new: false });
    expect(sim.shouldExpose('light.kitchen')).toBe(false);
    const bob = await RawClient.authed(sim, 'sim-user-token');
    const refused = await bob.command({ id: 1, type: 'homeassistant/expose_new_entities/set', assistant: 'conversation', expose_new: true });
    expect(refused.error).toMatchObject({ code: 'unauthorized' });
    bob.close();
    conn.close();
  });
});
