/**
 * The lines people read on the automation and script tools' cards, in their language: how many
 * there are, the one read, one deleted or missing, and a change refused. The model reads English.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaError } from '../../../src/errors.js';
import { readStateWords } from '../../../src/ha/state-words.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { ConfigVersionStore } from '../../../src/store/config-versions.js';
import { AuthoringService, type AuthoringDeps } from '../../../src/tools/authoring/authoring-service.js';
import { createDeleteTool, createSaveTool } from '../../../src/tools/authoring/change-tools.js';
import type { ItemConfig } from '../../../src/tools/authoring/config-api.js';
import { createGetTool, createListTool } from '../../../src/tools/authoring/read-tools.js';
import { stateWordingFor } from '../../../src/tools/home.js';
import type { ToolContext } from '../../../src/tools/tool.js';
import { translationResources } from '../../ha-sim/translations/resources.js';

const porch = { alias: 'Porch light at sunset', triggers: [{ trigger: 'sun', event: 'sunset' }], actions: [{ action: 'light.turn_on', target: { entity_id: 'light.porch' } }] };
const states = [
  { entity_id: 'automation.porch', state: 'on', attributes: { id: '17', friendly_name: 'Porch light at sunset' } },
  { entity_id: 'automation.night', state: 'on', attributes: { id: '18', friendly_name: 'Night' } },
  { entity_id: 'script.wake_up', state: 'off', attributes: { friendly_name: 'Wake up' } },
];

const inFrench = (language = 'fr'): ToolContext => ({ user: { id: 'u1', via: 'system' }, conversationId: 'c1', signal: new AbortController().signal, language });

describe('the authoring tools’ card lines in French', () => {
  let db: Database;
  let items: Map<string, ItemConfig>;
  let haDown: boolean;
  let service: AuthoringService;

  beforeEach(() => {
    db = openDatabase(':memory:');
    items = new Map([['automation:17', porch]]);
    haDown = false;
    // HA's side as plain tables: the editor's items, the states, a validate_config that takes anything.
    const deps = {
      ha: {
        sendMessage: async (message: { type: string }) => {
          if (haDown) throw new HaError('ha_unavailable', 'Home Assistant is not connected right now; try again in a moment.');
          return (message.type === 'get_states' ? states : { triggers: { valid: true, error: null }, actions: { valid: true, error: null } }) as never;
        },
        findService: async () => ({ fields: {} }) as never,
        callService: async () => ({}) as never,
      },
      api: {
        get: async (kind: string, id: string) => items.get(`${kind}:${id}`),
        save: async (kind: string, id: string, config: ItemConfig) => void items.set(`${kind}:${id}`, config),
        remove: async (kind: string, id: string) => items.delete(`${kind}:${id}`),
      },
      versions: new ConfigVersionStore(db),
      isUnknown: () => false,
      isAccessible: () => true,
      attributesOf: () => undefined,
      reloadWaitMs: 0,
      // HA's words for states, as the simulator answers frontend/get_translations.
      wordStates: (language: string | undefined) =>
        stateWordingFor({ index: { getState: () => undefined }, stateWords: { table: async (lang) => readStateWords({ resources: translationResources(lang, 'entity_component') }) } }, language),
    } satisfies AuthoringDeps;
    service = new AuthoringService(deps);
  });
  afterEach(() => closeDatabase(db));

  it('names the saved automation’s entity with HA’s French word for its state; the model reads HA’s state', async () => {
    const save = createSaveTool(service, 'automation');
    const input = { id: '17', config: { ...porch, alias: 'Porch' } };
    await save.prepare?.(input);
    const saved = await save.execute(input, inFrench());
    expect(saved.summary).toBe('Enregistré : l\'automatisation « Porch » (automation.porch, Allumé)');
    expect(saved.output).toMatchObject({ entity_id: 'automation.porch', state: 'on' });
    await save.prepare?.(input);
    expect((await save.execute(input, inFrench('en'))).summary).toBe('Saved the automation "Porch" (automation.porch, on)');
  });

  it('counts the automations and scripts with French plurals', async () => {
    expect((await createListTool(service, 'automation').execute({}, inFrench())).summary).toBe('2 automatisations');
    expect((await createListTool(service, 'script').execute({}, inFrench())).summary).toBe('1 script');
    expect((await createListTool(service, 'automation').execute({}, inFrench('en'))).summary).toBe('2 automations');
    expect((await createListTool(service, 'script').execute({}, inFrench('en'))).summary).toBe('1 script');
  });

  it('says which automation it read, that one is deleted, or that there is none', async () => {
    const get = createGetTool(service, 'automation');
    expect((await get.execute({ id: '17' }, inFrench())).summary).toBe('Lu : l\'automatisation « Porch light at sunset »');
    await createDeleteTool(service, 'automation').execute({ id: '17' }, inFrench());
    const gone = await get.execute({ id: '17' }, inFrench());
    expect(gone.summary).toBe('l’automatisation 17 est supprimée');
    expect(gone.output).toEqual({ error: 'Home Assistant has no automation with id 17.' });
    expect((await createGetTool(service, 'script').execute({ id: 'nope' }, inFrench())).summary).toBe('aucun script nope');
  });

  it('says in French that HA could not be read, the model reading HA’s words', async () => {
    haDown = true;
    const listed = await createListTool(service, 'automation').execute({}, inFrench());
    expect(listed.summary).toBe('Impossible de lister les automatisations : Home Assistant indisponible');
    expect(listed.output).toEqual({ error: 'Home Assistant is not connected right now; try again in a moment.' });
  });

  it('refuses a change in French when the item changed since it was asked', async () => {
    const save = createSaveTool(service, 'automation');
    const input = { id: '17', config: { ...porch, alias: 'Porch' } };
    await save.prepare?.(input);
    items.set('automation:17', { ...porch, description: 'changed meanwhile' });
    const refused = await save.execute(input, inFrench());
    expect(refused.ok).toBe(false);
    expect(refused.summary).toBe('Non effectué : l\'automatisation « Porch light at sunset » a changé dans Home Assistant depuis la demande');
    const gone = await createDeleteTool(service, 'script').execute({ id: 'nope' }, inFrench());
    expect(gone.summary).toBe('Non effectué : aucun script nope');
  });
});
