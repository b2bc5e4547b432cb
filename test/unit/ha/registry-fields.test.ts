import { describe, expect, it } from 'vitest';
import { isExposed } from '../../../src/ha/exposure.js';
import { deviceEntryFields, entityEntryFields } from '../../../src/ha/registries.js';
import type { HaDeviceEntry, HaEntityEntry } from '../../../src/ha/ha-types.js';

// Shaped as HA's config/entity_registry/list and config/device_registry/list send them (2025.x).
const haEntity = {
  area_id: null,
  categories: {},
  config_entry_id: '01JF0Q5V7C9S0Y3YQ4D0A8V6ZB',
  config_subentry_id: null,
  created_at: 1734000000.1,
  device_id: 'd1f5a0c3b2',
  disabled_by: null,
  entity_category: null,
  entity_id: 'lock.front_door',
  has_entity_name: true,
  hidden_by: null,
  icon: null,
  id: '3b5f0c1e9d7a4e2b8c6d',
  labels: ['security'],
  modified_at: 1734000100.2,
  name: 'Front door',
  options: { conversation: { should_expose: true }, cloud: { alexa: { should_expose: false } }, lock: { default_code: '1234' } },
  original_name: 'Lock',
  platform: 'zwave_js',
  translation_key: null,
  unique_id: '3912345678.12-98-0-currentMode',
  aliases: ['entrance'],
  device_class: null,
  original_device_class: null,
} as unknown as HaEntityEntry;

const haDevice = {
  id: 'd1f5a0c3b2',
  name: 'Front Door Lock',
  name_by_user: null,
  area_id: 'hallway',
  disabled_by: null,
  manufacturer: 'Yale',
  model: 'YRD256',
  sw_version: '1.2',
  connections: [['zwave', '1']],
  identifiers: [['zwave_js', '3912345678-12']],
  config_entries: ['01JF0Q5V7C9S0Y3YQ4D0A8V6ZB'],
} as unknown as HaDeviceEntry;

describe('registry entries as the index keeps them', () => {
  it('keeps the names, places, flags and Assist exposure of an entity, and nothing else', () => {
    const kept = entityEntryFields(haEntity);
    expect(kept).toEqual({
      entity_id: 'lock.front_door',
      name: 'Front door',
      original_name: 'Lock',
      aliases: ['entrance'],
      area_id: null,
      device_id: 'd1f5a0c3b2',
      entity_category: null,
      hidden_by: null,
      disabled_by: null,
      device_class: null,
      original_device_class: null,
      options: { conversation: { should_expose: true } },
    });
    // Another integration's option (a lock's default code) is not carried around.
    expect(JSON.stringify(kept)).not.toContain('1234');
    // The exposure decision reads the same from the trimmed entry.
    const decide = (entry: HaEntityEntry) => isExposed({ entityId: 'lock.front_door', entry, deviceClass: undefined, list: undefined, exposeNew: true });
    expect(decide(kept)).toBe(decide(haEntity));
    expect(decide(kept)).toBe(true);
  });

  it('leaves out the options when Assist made no choice, so the defaults apply', () => {
    const kept = entityEntryFields({ entity_id: 'lock.back_door', options: { lock: { default_code: '0000' } } });
    expect(kept.options).toBeUndefined();
    expect(isExposed({ entityId: 'lock.back_door', entry: kept, deviceClass: undefined, list: undefined, exposeNew: true })).toBe(false);
  });

  it('keeps a device’s names, area and disabled flag only', () => {
    expect(deviceEntryFields(haDevice)).toEqual({ id: 'd1f5a0c3b2', name: 'Front Door Lock', name_by_user: null, area_id: 'hallway', disabled_by: null });
  });
});
