/** HA's state words come from HA itself, once per language and connection, and never hold a tool card up. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus.js';
import { HaConnection, type HaEvents } from '../../src/ha/ha-connection.js';
import { stateWord } from '../../src/ha/state-words.js';
import { HaStateWords } from '../../src/ha/state-words-source.js';
import { createLogger } from '../../src/logger.js';
import { startHaSim, loadIntentsHome, type HaSim } from '../ha-sim/index.js';

const logger = createLogger('silent');

describe('the state words HA gives, per language', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function connected(sim: HaSim, prefetch: readonly string[] = []): Promise<{ ha: HaConnection; words: HaStateWords }> {
    const events = new EventBus<HaEvents>(logger);
    const ha = new HaConnection({ url: sim.url, token: sim.adminToken, events, logger, maxRetryDelayMs: 100 });
    const words = new HaStateWords({ ha, logger, prefetch });
    words.start();
    cleanups.push(() => ha.stop(), () => words.stop());
    await ha.start();
    return { ha, words };
  }

  const frenchRequests = (sim: HaSim) => sim.translationRequests.filter((r) => r.language === 'fr').length;

  it('asks HA once per language, and again after a reconnect', async () => {
    const sim = await startHaSim({ home: loadIntentsHome() });
    cleanups.push(() => sim.stop());
    const { ha, words } = await connected(sim);

    const french = await words.table('fr');
    expect(stateWord(french, { domain: 'lock', state: 'unlocked' })).toBe('Déverrouillé');
    // A word HA lacks in French comes in English (HA lays the language over English), then the state itself.
    expect(stateWord(french, { domain: 'climate', state: 'heat_cool' })).toBe('Heat/Cool');
    expect(stateWord(french, { domain: 'sensor', deviceClass: 'temperature', state: '21.5' })).toBe('21.5');
    await words.table('fr');
    await words.table('fr');
    expect(frenchRequests(sim)).toBe(1);
    expect(sim.translationRequests[0]).toEqual({ language: 'fr', category: 'entity_component' });

    const reconnected = new Promise<void>((resolve) => {
      let first = true;
      const off = ha.onReady(() => {
        if (first) return void (first = false);
        off();
        resolve();
      });
    });
    sim.dropConnections();
    await reconnected;
    expect(stateWord(await words.table('fr'), { domain: 'light', state: 'on' })).toBe('Allumé');
    expect(frenchRequests(sim)).toBe(2);
  });

  it('fetches the server’s own language as soon as HA is connected', async () => {
    const sim = await startHaSim({ home: loadIntentsHome() });
    cleanups.push(() => sim.stop());
    await connected(sim, ['fr']);
    for (let i = 0; i < 100 && frenchRequests(sim) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(frenchRequests(sim)).toBe(1);
  });

  it('has no words while HA is away, and asks again once it is back', async () => {
    const sim = await startHaSim({ home: loadIntentsHome() });
    cleanups.push(() => sim.stop());
    const { ha, words } = await connected(sim);
    await sim.pause();
    await new Promise<void>((resolve) => {
      const poll = () => (ha.status().connected ? setTimeout(poll, 10) : resolve());
      poll();
    });
    expect(await words.table('fr')).toBeUndefined();
    await sim.resume();
    await ha.whenConnected({ timeoutMs: 5000 });
    expect(stateWord(await words.table('fr'), { domain: 'lock', state: 'locked' })).toBe('Verrouillé');
  });
});
