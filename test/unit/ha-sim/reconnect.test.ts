import { callService, subscribeEntities, type HassEntities } from 'home-assistant-js-websocket';
import { afterEach, describe, expect, it } from 'vitest';

import { generateHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary } from './support.js';

describe('HA simulator outages', () => {
  let sim: HaSim | undefined;

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('drops every connection; the client library reconnects and resubscribes', async () => {
    sim = await startHaSim({ home: generateHome(50) });
    const conn = await connectLibrary(sim);
    let entities: HassEntities = {};
    subscribeEntities(conn, (e) => (entities = e));
    await expect.poll(() => Object.keys(entities).length).toBe(50);

    const ready = new Promise<void>((resolve) => conn.addEventListener('ready', () => resolve()));
    const disconnected = new Promise<void>((resolve) => conn.addEventListener('disconnected', () => resolve()));
    sim.dropConnections();
    await disconnected;
    await ready;

    // The resubscribed collection sees changes made after the reconnection.
    sim.setState('input_boolean.guest_mode', 'on');
    await expect.poll(() => entities['input_boolean.guest_mode']?.state).toBe('on');
    await callService(conn, 'input_boolean', 'turn_off', undefined, { entity_id: 'input_boolean.guest_mode' });
    expect(sim.getState('input_boolean.guest_mode')?.state).toBe('off');
    conn.close();
  });

  it('stops listening on pause and comes back on the same port on resume', async () => {
    sim = await startHaSim({ home: generateHome(50) });
    const url = sim.url;
    const conn = await connectLibrary(sim);
    const disconnected = new Promise<void>((resolve) => conn.addEventListener('disconnected', () => resolve()));
    await sim.pause();
    await disconnected;
    await expect(fetch(`${url}/api/`, { headers: { authorization: `Bearer ${sim.adminToken}` } })).rejects.toThrow();

    const ready = new Promise<void>((resolve) => conn.addEventListener('ready', () => resolve()));
    await sim.resume();
    expect(sim.url).toBe(url);
    await ready;
    const response = await fetch(`${url}/api/`, { headers: { authorization: `Bearer ${sim.adminToken}` } });
    expect(response.status).toBe(200);
    conn.close();
  });
});
