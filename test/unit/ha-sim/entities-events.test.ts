import { callService, subscribeEntities, type Connection, type HassEntities } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary, RawClient } from './support.js';

/** Resolves once the predicate holds for a pushed value. */
function waitFor<T>(subscribe: (push: (value: T) => void) => void, predicate: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => subscribe((value) => predicate(value) && resolve(value)));
}

describe('HA simulator entity subscriptions and events', () => {
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

  it('subscribeEntities gets every state, then the change a light call makes, brightness included', async () => {
    let latest: HassEntities = {};
    const updates: HassEntities[] = [];
    const first = waitFor<HassEntities>((push) => subscribeEntities(conn, (e) => (updates.push(e), (latest = e), push(e))), () => true);
    expect(Object.keys(await first)).toHaveLength(107);
    expect(latest['light.bedroom_lamp']?.state).toBe('off');

    const changed = waitFor<HassEntities>(
      (push) => subscribeEntities(conn, push),
      (e) => e['light.bedroom_lamp']?.state === 'on',
    );
    await callService(conn, 'light', 'turn_on', { brightness_pct: 30 }, { entity_id: 'light.bedroom_lamp' });
    const lamp = (await changed)['light.bedroom_lamp'];
    expect(lamp?.attributes.brightness).toBe(76); // round(76.5) the Python way
    expect(lamp?.context.user_id).toBe('user-admin');
    expect(lamp?.attributes.friendly_name).toBe('Bedroom Lamp');
  });

  it('sends compressed diffs in HA shape: + additions, - removed attributes, bare context ids', async () => {
    const client = await RawClient.authed(sim);
    client.send({ id: 1, type: 'subscribe_entities', entity_ids: ['sensor.outside_temperature'] });
    await client.next();
    const initial = await client.next();
    const compressed = (initial.event as { a: Record<string, Record<string, unknown>> }).a['sensor.outside_temperature'];
    expect(compressed).toMatchObject({ s: '42', a: { unit_of_measurement: '°F' } });
    expect(typeof compressed?.c).toBe('string');
    expect(typeof compressed?.lc).toBe('number');
    expect(compressed).not.toHaveProperty('lu');

    sim.setState('sensor.outside_temperature', '43', { friendly_name: 'Outside Temperature' });
    const diff = (await client.next()).event as { c: Record<string, { '+': Record<string, unknown>; '-': { a: string[] } }> };
    const change = diff.c['sensor.outside_temperature'];
    expect(change?.['+'].s).toBe('43');
    expect(typeof change?.['+'].lc).toBe('number');
    expect(typeof change?.['+'].c).toBe('string');
    expect(change?.['-']).toEqual({ a: ['unit_of_measurement'] });

    sim.setState('sensor.outside_temperature', '43', { friendly_name: 'Outside Temperature', unit_of_measurement: '°F' });
    const attrOnly = (await client.next()).event as { c: Record<string, { '+': Record<string, unknown> }> };
    expect(attrOnly.c['sensor.outside_temperature']?.['+']).toMatchObject({ a: { unit_of_measurement: '°F' } });
    expect(attrOnly.c['sensor.outside_temperature']?.['+']).toHaveProperty('lu');
    expect(attrOnly.c['sensor.outside_temperature']?.['+']).not.toHaveProperty('s');
    client.close();
  });

  it('delivers state_changed through subscribe_events with old and new state', async () => {
    const events: Array<{ data: { entity_id: string; old_state: { state: string }; new_state: { state: string } } }> = [];
    const unsubscribe = await conn.subscribeEvents<(typeof events)[number]>((e) => events.push(e), 'state_changed');
    await callService(conn, 'lock', 'unlock', undefined, { entity_id: 'lock.front_door' });
    await expect.poll(() => events.find((e) => e.data.entity_id === 'lock.front_door')).toBeTruthy();
    const event = events.find((e) => e.data.entity_id === 'lock.front_door');
    expect(event).toMatchObject({ event_type: 'state_changed', origin: 'LOCAL', data: { old_state: { state: 'locked' }, new_state: { state: 'unlocked' } } });
    await unsubscribe();
  });

  it('fires events for admins only and records them', async () => {
    const seen: unknown[] = [];
    const unsubscribe = await conn.subscribeEvents((e) => seen.push(e), 'majordome_response');
    await conn.sendMessagePromise({ type: 'fire_event', event_type: 'majordome_response', event_data: { text: 'hi' } });
    await expect.poll(() => seen.length).toBe(1);
    expect(sim.firedEvents.at(-1)).toEqual({ event_type: 'majordome_response', event_data: { text: 'hi' } });
    await unsubscribe();

    const bob = await RawClient.authed(sim, 'sim-user-token');
    const refused = await bob.command({ id: 1, type: 'fire_event', event_type: 'x' });
    expect(refused.error).toEqual({ code: 'unauthorized', message: 'Unauthorized' });
    const notAllowed = await bob.command({ id: 2, type: 'subscribe_events', event_type: 'mobile_app_notification_action' });
    expect(notAllowed.error).toMatchObject({ code: 'unauthorized' });
    expect(await bob.command({ id: 3, type: 'subscribe_events', event_type: 'state_changed' })).toMatchObject({ success: true });
    bob.close();
  });

  it('renders simple templates and re-renders when the entity changes', async () => {
    const results: unknown[] = [];
    const unsubscribe = await conn.subscribeMessage<{ result: unknown }>((m) => results.push(m.result), {
      type: 'render_template',
      template: "{{ states('switch.kitchen') }}",
    });
    await expect.poll(() => results).toEqual(['on']);
    sim.setState('switch.kitchen', 'off');
    await expect.poll(() => results).toEqual(['on', 'off']);
    await unsubscribe();
  });
});
