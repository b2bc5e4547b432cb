import { describe, expect, it } from 'vitest';
import { entityIdsInData, resolveTarget, smuggledTargetKeys, type TargetLookup } from '../../../src/tools/home/service-target.js';

const accessible = new Set(['light.kitchen', 'light.counter', 'switch.kettle', 'light.hall']);
const inArea: Record<string, string[]> = { kitchen: ['light.kitchen', 'light.counter', 'switch.kettle'], cellar: [] };
const lookup: TargetLookup = {
  isAccessible: (id) => accessible.has(id),
  resolveAreas: (text) => (text in inArea ? [text] : text === 'Kitchen' ? ['kitchen'] : []),
  entitiesInArea: (area, domain) => (inArea[area] ?? []).filter((id) => !domain || id.startsWith(`${domain}.`)),
  entitiesOfDevice: (device) => (device === 'dev1' ? ['light.hall', 'switch.kettle'] : []),
  hasDevice: (device) => device === 'dev1' || device === 'dev2',
  hasDomain: (domain) => ['light', 'switch', 'lock'].includes(domain),
};

describe('service targets', () => {
  it('expands an area to its accessible entities of the service domain', () => {
    expect(resolveTarget('light', { area_id: 'Kitchen' }, lookup)).toEqual({ ok: true, entityIds: ['light.counter', 'light.kitchen'] });
    expect(resolveTarget('homeassistant', { area_id: 'kitchen' }, lookup)).toEqual({
      ok: true,
      entityIds: ['light.counter', 'light.kitchen', 'switch.kettle'],
    });
  });

  it('expands a device the same way', () => {
    expect(resolveTarget('light', { device_id: 'dev1' }, lookup)).toEqual({ ok: true, entityIds: ['light.hall'] });
  });

  it('refuses any named entity the agent may not use, and unknown areas or devices', () => {
    const hidden = resolveTarget('light', { entity_id: ['light.kitchen', 'light.secret'] }, lookup);
    expect(hidden).toEqual({ ok: false, message: expect.stringContaining('light.secret: not found or not exposed') });
    expect(resolveTarget('light', { area_id: 'attic' }, lookup).ok).toBe(false);
    expect(resolveTarget('light', { device_id: 'nope' }, lookup).ok).toBe(false);
  });

  it('refuses when nothing accessible remains', () => {
    expect(resolveTarget('lock', { area_id: 'kitchen' }, lookup)).toEqual({ ok: false, message: expect.stringContaining('No lock entity') });
    expect(resolveTarget('light', { device_id: 'dev2' }, lookup).ok).toBe(false);
  });

  it('passes calls without a target through untouched', () => {
    expect(resolveTarget('notify', undefined, lookup)).toEqual({ ok: true, entityIds: undefined });
  });

  it('spots targets smuggled in data and entity ids buried in it', () => {
    expect(smuggledTargetKeys({ brightness: 3, entity_id: 'lock.x', floor_id: 'f' })).toEqual(['entity_id', 'floor_id']);
    const data = { entities: { 'lock.front': 'unlocked' }, group_members: ['light.hall'], message: 'hi. bye' };
    expect(entityIdsInData(data, lookup.hasDomain).sort()).toEqual(['light.hall', 'lock.front']);
  });
});
