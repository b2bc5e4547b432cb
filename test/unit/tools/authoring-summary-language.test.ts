import { describe, expect, it } from 'vitest';
import { AuthoringService, type AuthoringDeps } from '../../../src/tools/authoring/authoring-service.js';
import { createSaveTool } from '../../../src/tools/authoring/change-tools.js';
import { riskFlags } from '../../../src/tools/authoring/risk-flags.js';
import { changeSummary } from '../../../src/tools/authoring/summary.js';

const before = { alias: 'Porch light at sunset', triggers: [{ trigger: 'sun', event: 'sunset' }], actions: [{ action: 'light.turn_on', target: { entity_id: 'light.porch' } }] };
const after = { ...before, triggers: [{ trigger: 'sun', event: 'sunset', offset: '00:30:00' }] };
const unlocking = { alias: 'Let the cleaner in', triggers: [{ trigger: 'time', at: '09:00' }], actions: [{ action: 'lock.unlock', target: { entity_id: 'lock.front_door' } }, { action: 'notify.mobile_app_anna', data: { message: 'open' } }] };

/** The authoring service as describe() reads it: no snapshot yet, entity attributes from a plain table. */
const service = new AuthoringService({ attributesOf: () => undefined } as Partial<AuthoringDeps> as AuthoringDeps);

describe('the approval summary of the authoring tools, in the asking person\'s language', () => {
  it('is French for a French speaker: warnings first, then what happens, the YAML as is', () => {
    const summary = createSaveTool(service, 'automation').describe?.({ config: unlocking }, 'fr')?.summary ?? '';
    const lines = summary.split('\n');
    expect(lines[0]).toBe('Attention : cela agit sur une serrure, une alarme, une porte de garage ou un portail (lock.front_door), plus tard, sans que personne ne soit consulté.');
    expect(lines[1]).toBe('Attention : cela sort de la maison (notify.mobile_app_anna).');
    expect(lines[2]).toBe('Créer l\'automatisation « Let the cleaner in » :');
    expect(lines[3]).toBe('alias: Let the cleaner in');
    expect(summary).toContain('\n  - action: lock.unlock\n');
  });

  it('stays English when the language is unset or has no table', () => {
    const english = createSaveTool(service, 'automation').describe?.({ config: unlocking })?.summary ?? '';
    expect(english.split('\n')[2]).toBe('Create the automation "Let the cleaner in":');
    expect(createSaveTool(service, 'script').describe?.({ config: { alias: 'Wake up', sequence: [] } }, 'de')?.summary).toMatch(/^Create the script "Wake up":\nalias: Wake up\n/);
  });

  it('words a change, a restore, a delete and a script in French, the difference untouched', () => {
    const change = changeSummary({ kind: 'automation', id: '17', next: after, current: before, flags: [] }, 'fr');
    expect(change.split('\n').slice(0, 3)).toEqual(['Modifier l\'automatisation « Porch light at sunset » (id 17) :', '--- before', '+++ after']);
    expect(change).toContain('\n+    offset: 00:30:00\n');
    const restore = changeSummary({ kind: 'automation', id: '17', next: before, current: after, flags: [], restoring: { version: 2, changedAt: '2025-06-01 18:00' } }, 'fr-CA');
    expect(restore.split('\n')[0]).toBe('Restaurer l\'automatisation « Porch light at sunset » (id 17) à la version 2, celle d\'avant la modification du 2025-06-01 18:00 :');
    expect(changeSummary({ kind: 'script', id: 'wake_up', current: { alias: 'Wake up', sequence: [] }, flags: [] }, 'fr')).toMatch(/^Supprimer le script « Wake up » \(id wake_up\) :\nalias: Wake up\n/);
    expect(changeSummary({ kind: 'automation', id: '17', next: before, current: before, flags: [] }, 'fr')).toBe('Modifier l\'automatisation « Porch light at sunset » (id 17) (rien ne change).');
    expect(changeSummary({ kind: 'script', id: 'wake_up', next: { alias: 'Wake up' }, current: 'unknown', flags: [] }, 'fr')).toMatch(/^Enregistrer le script « Wake up » \(id wake_up\) ; sa version actuelle n'a pas pu être lue :\nalias: Wake up/);
  });

  it('warns in French about a garage door an automation opens', () => {
    const flags = riskFlags([{ action: 'cover.open_cover', target: { entity_id: 'cover.garage' } }], () => ({ device_class: 'garage' }), 'fr');
    expect(flags).toEqual(['Attention : cela agit sur une serrure, une alarme, une porte de garage ou un portail (cover.garage), plus tard, sans que personne ne soit consulté.']);
  });
});
