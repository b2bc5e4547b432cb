import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus.js';
import { HaConnection, type HaEvents } from '../../src/ha/ha-connection.js';
import { createLogger } from '../../src/logger.js';
import { createHaSim, loadIntentsHome, type HaSim } from '../ha-sim/index.js';
import { startHomeStack, type HomeStack, statusWhere } from './ha-harness.js';


describe('HA connection resilience', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('starts while HA is down, reports why, and connects once HA is up', async () => {
    const sim: HaSim = createHaSim({ home: loadIntentsHome() });
    await sim.start();
    const url = sim.url;
    await sim.pause();
    cleanups.push(() => sim.stop());
    const events = new EventBus<HaEvents>(createLogger('silent'));
    const ha = new HaConnection({ url, token: sim.adminToken, events, logger: createLogger('silent'), maxRetryDelayMs: 100, reconnectWaitMs: 200 });
    cleanups.push(() => ha.stop());

    await ha.start();
    expect(ha.status()).toMatchObject({ connected: false, lastError: expect.stringContaining('Cannot connect') });
    await expect(ha.callService('light', 'turn_on')).rejects.toMatchObject({ code: 'ha_unavailable' });

    await sim.resume();
    const up = await statusWhere({ ha, events }, (s) => s.connected);
    expect(up.haVersion).toBeTruthy();
    expect(up.lastError).toBeUndefined();
  });

  it('reports a rejected token and keeps the server side alive', async () => {
    const sim = createHaSim({ home: loadIntentsHome() });
    await sim.start();
    cleanups.push(() => sim.stop());
    const ha = new HaConnection({ url: sim.url, token: 'wrong-token', events: new EventBus<HaEvents>(createLogger('silent')), logger: createLogger('silent'), maxRetryDelayMs: 100 });
    cleanups.push(() => ha.stop());
    await ha.start();
    expect(ha.status()).toMatchObject({ connected: false, lastError: 'Home Assistant rejected the access token' });
  });

  it('reconnects after dropped sockets and after HA restarts; index and tools work again', async () => {
    // HA stays down longer than a call waits for it.
    const stack: HomeStack = await startHomeStack(loadIntentsHome(), 'exposed', { reconnectWaitMs: 200 });
    cleanups.push(() => stack.stop());

    stack.sim.dropConnections();
    await statusWhere(stack, (s) => !s.connected);
    await statusWhere(stack, (s) => s.connected);
    stack.sim.setState('light.garage', 'off');
    expect(await stack.index.waitFor(['light.garage'], (s) => s?.state === 'off', 5000)).toBe(true);

    await stack.sim.pause();
    await statusWhere(stack, (s) => !s.connected);
    const down = await stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.garage' } });
    expect(down.ok).toBe(false);
    expect(JSON.stringify(down.output)).toContain('not connected');

    await stack.sim.resume();
    await statusWhere(stack, (s) => s.connected);
    const up = await stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.garage' } });
    expect(up.ok).toBe(true);
    expect(up.summary).toBe('Garage Light: off → on');
    const found = await stack.run('ha_find_entities', { query: 'garage light' });
    expect((found.output as { entities: { entity_id: string; state: string }[] }).entities[0]).toMatchObject({ entity_id: 'light.garage', state: 'on' });
  });
});
