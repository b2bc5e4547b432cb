import { describe, expect, it } from 'vitest';

import { generateHome, INTENTS_DIAGNOSTIC, INTENTS_UNEXPOSED, loadDatasetHome, loadFrontendDemoHome, loadIntentsHome } from '../../ha-sim/index.js';

describe('HA simulator homes', () => {
  it('loads the intents test home: 107 entities, 8 areas, 5 floors, states as given', () => {
    const home = loadIntentsHome();
    expect(home.states).toHaveLength(107);
    expect(home.entities).toHaveLength(107);
    expect(home.areas).toHaveLength(8);
    expect(home.floors).toHaveLength(5);
    const pets = home.states.find((s) => s.entity_id === 'binary_sensor.pet_door');
    expect(pets).toMatchObject({ state: 'off', attributes: { device_class: 'door', friendly_name: 'Pet Door' } });
    expect(home.exposed[INTENTS_UNEXPOSED[0]]).toBe(false);
    expect(home.entities.find((e) => e.entity_id === INTENTS_DIAGNOSTIC)?.entity_category).toBe('diagnostic');
    expect(home.services.notify).toHaveProperty('mobile_app_my_phone');
  });

  it('loads a home-assistant-datasets home with devices and HA-shaped attributes', () => {
    const home = loadDatasetHome('home1-us');
    expect(home.states.length).toBeGreaterThan(20);
    expect(home.devices.find((d) => d.id === 'thermostat')).toMatchObject({ manufacturer: 'Honeywell', area_id: 'kitchen' });
    expect(home.states.find((s) => s.entity_id === 'climate.thermostat')).toMatchObject({ state: 'off', attributes: { hvac_modes: ['off', 'cool', 'heat', 'auto'] } });
    expect(home.states.find((s) => s.entity_id === 'sensor.thermostat_temperature')?.attributes.device_class).toBe('temperature');
    expect(Object.values(home.exposed)).toContain(false);
  });

  it('expands synthetic-home device types', () => {
    const home = loadDatasetHome('home4-us');
    expect(home.states.some((s) => s.entity_id.startsWith('media_player.'))).toBe(true);
    expect(home.entities.every((e) => e.device_id !== null)).toBe(true);
  });

  it('loads a frontend demo home with more than 50 entities and derived areas', () => {
    const home = loadFrontendDemoHome('teachingbirds');
    expect(home.states.length).toBeGreaterThan(50);
    expect(home.areas.map((a) => a.name)).toContain('Living Room');
    expect(Object.keys(home.services.notify ?? {}).some((n) => n.startsWith('mobile_app_'))).toBe(true);
  });

  it('gives a frontend demo home YAML locks: no registry entry, exposed on purpose in the store', () => {
    const home = loadFrontendDemoHome('kernehed');
    const lock = 'lock.polycontrol_danalock_v3_btze_locked';
    expect(home.states.map((s) => s.entity_id)).toContain(lock);
    expect(home.entities.map((e) => e.entity_id)).not.toContain(lock);
    expect(home.exposed[lock]).toBe(true);
  });

  it('generates homes of exactly N entities, the same for the same seed', () => {
    const big = generateHome(5000);
    expect(big.states).toHaveLength(5000);
    expect(new Set(big.states.map((s) => s.entity_id)).size).toBe(5000);
    expect(JSON.stringify(generateHome(5000))).toBe(JSON.stringify(big));
    expect(JSON.stringify(generateHome(500, 2))).not.toBe(JSON.stringify(generateHome(500, 3)));
    const small = generateHome(50);
    expect(small.states).toHaveLength(50);
    expect(small.areas.length).toBeGreaterThanOrEqual(3);
    expect(small.entities.some((e) => e.entity_category === 'diagnostic')).toBe(true);
  });
});
