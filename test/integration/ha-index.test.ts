import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS_DIAGNOSTIC, INTENTS_UNEXPOSED, loadIntentsHome } from '../ha-sim/index.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

describe('entity index fed by the simulator', () => {
  let stack: HomeStack;

  beforeAll(async () => {
    stack = await startHomeStack(loadIntentsHome(), 'exposed');
  });
  afterAll(async () => stack?.stop());

  it('fills with states joined to areas and floors', () => {
    expect(stack.index.size).toBeGreaterThan(90);
    expect(stack.index.get('light.kitchen_ceiling')).toMatchObject({
      name: 'Kitchen ceiling',
      area: 'Kitchen',
      floor: 'First Floor',
      state: 'on',
    });
    expect(stack.index.listAreas().find((a) => a.area_id === 'kitchen_id')).toMatchObject({ name: 'Kitchen', floor: 'First Floor' });
  });

  it('follows live state changes', async () => {
    stack.sim.setState('light.garage', 'off');
    expect(await stack.index.waitFor(['light.garage'], (s) => s?.state === 'off', 5000)).toBe(true);
    expect(stack.index.get('light.garage')?.state).toBe('off');
  });

  it('hides entities not exposed to Assist, and diagnostic ones, from search and get', () => {
    const [unexposed] = INTENTS_UNEXPOSED;
    expect(stack.index.isAccessible(unexposed)).toBe(false);
    expect(stack.index.get(unexposed)).toBeUndefined();
    expect(stack.index.search({ query: 'cookie stash' }).map((e) => e.entity_id)).not.toContain(unexposed);
    expect(stack.index.get(INTENTS_DIAGNOSTIC)).toBeUndefined();
    expect(stack.index.search({ query: 'log file size' }).map((e) => e.entity_id)).not.toContain(INTENTS_DIAGNOSTIC);
  });

  it('searches with domain and area filters', () => {
    const lights = stack.index.search({ query: 'lights', area: 'kitchen' });
    expect(lights.map((e) => e.entity_id).sort()).toEqual(['light.kitchen_cabinets', 'light.kitchen_ceiling', 'light.kitchen_countertop']);
    expect(stack.index.search({ domain: 'lock', limit: 50 }).every((e) => e.entity_id.startsWith('lock.'))).toBe(true);
    expect(stack.index.search({ query: 'thermostat', area: 'basement' }).map((e) => e.entity_id)).toEqual(['climate.office_thermostat']);
  });
});

describe('entity index and the "expose new entities" setting', () => {
  // light.garage without an explicit decision: HA's defaults expose a light only while Assist
  // exposes new entities.
  function homeWithUndecidedGarage(exposeNew: boolean) {
    const home = loadIntentsHome();
    delete home.exposed['light.garage'];
    return { ...home, exposeNew };
  }

  it('shows an undecided light while Assist exposes new entities', async () => {
    const stack = await startHomeStack(homeWithUndecidedGarage(true), 'exposed');
    try {
      expect(stack.index.isAccessible('light.garage')).toBe(true);
    } finally {
      await stack.stop();
    }
  });

  it('hides it once the user turned "expose new entities" off in HA', async () => {
    const stack = await startHomeStack(homeWithUndecidedGarage(false), 'exposed');
    try {
      expect(stack.index.isAccessible('light.garage')).toBe(false);
      expect(stack.index.search({ query: 'garage light' }).map((e) => e.entity_id)).not.toContain('light.garage');
      // Explicit decisions still count.
      expect(stack.index.isAccessible('light.kitchen_ceiling')).toBe(true);
    } finally {
      await stack.stop();
    }
  });
});
