/** The lines people read on the home tools' cards, in their language (the model's output stays as it was). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

describe('the home tools speak French to a French speaker', () => {
  let stack: HomeStack;

  beforeAll(async () => {
    stack = await startHomeStack(loadIntentsHome(), 'all');
  });
  afterAll(async () => stack?.stop());

  it('says how many things a search found, or that nothing matched', async () => {
    const found = await stack.run('ha_find_entities', { query: 'kitchen ceiling' }, { language: 'fr' });
    expect(found.summary).toMatch(/^\d+ trouvés? : Kitchen Ceiling/i);
    const none = await stack.run('ha_find_entities', { query: 'zzz nothing like this' }, { language: 'fr' });
    expect(none.summary).toBe('Aucun résultat');
  });

  it('counts the areas and a history’s changes in French', async () => {
    expect((await stack.run('ha_list_areas', {}, { language: 'fr' })).summary).toMatch(/^\d+ pièces$/);
    expect((await stack.run('ha_get_history', { entity_id: 'light.bedroom_lamp', hours: 2 }, { language: 'fr' })).summary).toMatch(/^Bedroom Lamp : \d+ changements? en 2 h$/);
  });

  it('keeps English for an English speaker', async () => {
    expect((await stack.run('ha_list_areas', {}, { language: 'en' })).summary).toMatch(/^\d+ areas$/);
  });
});
