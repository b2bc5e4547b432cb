/**
 * Issue 22: a blip of HA's connection (Wi-Fi, an HA restart, a Supervisor update) is not a failure.
 * A command asked for while HA is away waits for it; a command lost on the way is never sent twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startHomeStack, type HomeStack, statusWhere } from './ha-harness.js';


const toggleGarage = { domain: 'light', service: 'toggle', target: { entity_id: 'light.garage' } };
const servicesCalled = (stack: HomeStack, service: string) => stack.sim.serviceCalls.filter((c) => c.service === service).length;

describe('a blip of the connection to Home Assistant', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function stackWith(reconnectWaitMs?: number): Promise<HomeStack> {
    const stack = await startHomeStack(loadIntentsHome(), 'exposed', reconnectWaitMs === undefined ? {} : { reconnectWaitMs });
    cleanups.push(() => stack.stop());
    return stack;
  }

  it('a command asked for while HA is away waits, says so, and is carried out once HA is back', async () => {
    const stack = await stackWith();
    stack.sim.setState('light.garage', 'off');
    await stack.sim.pause();
    await statusWhere(stack, (s) => !s.connected);

    let waited = 0;
    const pending = stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.garage' } }, { status: () => (waited += 1) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.sim.resume();

    const result = await pending;
    expect(result).toMatchObject({ ok: true, summary: 'Garage Light: off → on' });
    expect(waited).toBe(1);
    expect(stack.sim.getState('light.garage')?.state).toBe('on');
    expect(servicesCalled(stack, 'turn_on')).toBe(1);
  });

  it('a read asked for while HA is away waits too (history needs HA)', async () => {
    const stack = await stackWith();
    await stack.sim.pause();
    await statusWhere(stack, (s) => !s.connected);
    const pending = stack.run('ha_get_history', { entity_id: 'sensor.outside_temperature', hours: 24 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.sim.resume();
    expect(await pending).toMatchObject({ ok: true });
  });

  it('fails with the usual message when HA stays away longer than the wait', async () => {
    const stack = await stackWith(300);
    await stack.sim.pause();
    await statusWhere(stack, (s) => !s.connected);
    const result = await stack.run('ha_call_service', toggleGarage);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.output)).toContain('Home Assistant is not connected right now; try again in a moment.');
    await stack.sim.resume();
    await statusWhere(stack, (s) => s.connected);
    expect(servicesCalled(stack, 'toggle')).toBe(0);
  });

  it('a toggle HA ran whose answer was lost is not sent again; the state seen after the reconnect is reported', async () => {
    const stack = await stackWith();
    stack.sim.setState('light.garage', 'off');
    stack.sim.dropOnCommand('call_service', 'after');

    const result = await stack.run('ha_call_service', toggleGarage);

    expect(servicesCalled(stack, 'toggle')).toBe(1);
    expect(stack.sim.getState('light.garage')?.state).toBe('on');
    expect(result).toMatchObject({ ok: true, summary: 'Garage Light → on' });
    expect(JSON.stringify(result.output)).toContain('connection to Home Assistant dropped');
  });

  it('a toggle lost before HA ran it is not sent again; the result says the outcome is unknown and what is seen', async () => {
    const stack = await stackWith();
    stack.sim.setState('light.garage', 'off');
    stack.sim.dropOnCommand('call_service', 'before');

    const result = await stack.run('ha_call_service', toggleGarage);

    expect(servicesCalled(stack, 'toggle')).toBe(0);
    expect(stack.sim.getState('light.garage')?.state).toBe('off');
    expect(result.ok).toBe(false);
    expect(result.output).toMatchObject({ outcome_unknown: true, states: [{ entity_id: 'light.garage', state: 'off' }] });
    expect(JSON.stringify(result.output)).toContain('It was not sent again');
  });

  it('a read lost on the way is simply asked again after the reconnect', async () => {
    const stack = await stackWith();
    stack.sim.dropOnCommand('history/history_during_period', 'before');
    const result = await stack.run('ha_get_history', { entity_id: 'sensor.outside_temperature', hours: 24 });
    expect(result).toMatchObject({ ok: true });
  });
});
