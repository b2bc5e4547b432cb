/** `frontend/get_translations` answers like HA's (frontend/__init__.py, helpers/translation.py): flat keys, English under every language. */
import type { Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary } from './support.js';

type Words = Record<string, string>;

describe('the simulator gives HA’s words for states', () => {
  let sim: HaSim;
  let conn: Connection;
  const words = async (message: Record<string, unknown>): Promise<Words> =>
    (await conn.sendMessagePromise<{ resources: Words }>({ type: 'frontend/get_translations', ...message })).resources;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn?.close();
    await sim?.stop();
  });

  it('answers a language’s state words under HA’s flat keys', async () => {
    const french = await words({ language: 'fr', category: 'entity_component' });
    expect(french).toMatchObject({
      'component.lock.entity_component._.state.locked': 'Verrouillé',
      'component.lock.entity_component._.state.unlocked': 'Déverrouillé',
      'component.light.entity_component._.state.on': 'Allumé',
      'component.light.entity_component._.state.off': 'Éteint',
      'component.binary_sensor.entity_component.motion.state.on': 'Détecté',
      'component.cover.entity_component._.state.closing': 'Fermeture',
    });
    const english = await words({ language: 'en', category: 'entity_component' });
    expect(english).toMatchObject({
      'component.lock.entity_component._.state.locked': 'Locked',
      'component.person.entity_component._.state.not_home': 'Away',
      'component.binary_sensor.entity_component.door.state.on': 'Open',
    });
  });

  it('fills what a language lacks with English, and answers English for a language it has none of, as HA does', async () => {
    const french = await words({ language: 'fr', category: 'entity_component' });
    const english = await words({ language: 'en', category: 'entity_component' });
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
    expect(await words({ language: 'xx', category: 'entity_component' })).toEqual(english);
  });

  it('keeps to the integrations asked for (one or a list), and has nothing for an unknown category', async () => {
    const locks = await words({ language: 'fr', category: 'entity_component', integration: 'lock' });
    expect(Object.keys(locks).length).toBeGreaterThan(0);
    expect(Object.keys(locks).every((key) => key.startsWith('component.lock.'))).toBe(true);
    const two = await words({ language: 'fr', category: 'entity_component', integration: ['lock', 'light'] });
    expect(new Set(Object.keys(two).map((key) => key.split('.')[1]))).toEqual(new Set(['lock', 'light']));
    expect(await words({ language: 'fr', category: 'no_such_category' })).toEqual({});
  });

  it('refuses a command without its required fields like HA, and records each request', async () => {
    await expect(words({ category: 'entity_component' })).rejects.toMatchObject({ code: 'invalid_format' });
    await expect(words({ language: 'fr', category: 'entity_component', extra: 1 })).rejects.toMatchObject({ code: 'invalid_format' });
    const before = sim.translationRequests.length;
    await words({ language: 'fr', category: 'entity_component' });
    expect(sim.translationRequests.slice(before)).toEqual([{ language: 'fr', category: 'entity_component' }]);
  });
});
