/** The names people read come trimmed: a friendly name ending with a space must not give "Kitchen spotlights ." in an answer. */
import { describe, expect, it } from 'vitest';
import { buildEntityRecord } from '../../../src/ha/entity-records.js';
import { summarizeEntity } from '../../../src/ha/entity-summary.js';
import { registries, state } from './small-home.js';

describe('entity names as the index reads them', () => {
  it('trims a friendly name that ends or starts with spaces (HA’s demo has "Kitchen spotlights ")', () => {
    const record = buildEntityRecord(state('light.kitchen_spotlights', 'on', { friendly_name: 'Kitchen spotlights ' }), registries(), 'all');
    expect(record.place.name).toBe('Kitchen spotlights');
    expect(summarizeEntity(record.entityId, 'on', {}, record.place).name).toBe('Kitchen spotlights');
  });

  it('trims the registry’s name when the state has no friendly name', () => {
    const base = registries();
    const porch = { entity_id: 'light.porch', name: '  Porch light ', original_name: null, area_id: null, aliases: [] };
    const regs = { ...base, entities: new Map([...base.entities, ['light.porch', porch]]) };
    expect(buildEntityRecord(state('light.porch', 'off'), regs, 'all').place.name).toBe('Porch light');
  });
});
