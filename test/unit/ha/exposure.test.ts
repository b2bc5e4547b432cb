import { describe, expect, it } from 'vitest';
import { isExposed } from '../../../src/ha/exposure.js';
import { buildEntityRecord } from '../../../src/ha/entity-records.js';
import { records, registries, states } from './small-home.js';

const base = { list: undefined, exposeNew: true } as const;

describe('Assist exposure, as HA decides it', () => {
  it('exposes default domains and hides locks, entity categories and hidden entities', () => {
    expect(isExposed({ ...base, entityId: 'light.a', entry: undefined, deviceClass: undefined })).toBe(true);
    expect(isExposed({ ...base, entityId: 'lock.a', entry: undefined, deviceClass: undefined })).toBe(false);
    expect(isExposed({ ...base, entityId: 'switch.a', entry: { entity_id: 'switch.a', entity_category: 'config' }, deviceClass: undefined })).toBe(false);
    expect(isExposed({ ...base, entityId: 'light.a', entry: { entity_id: 'light.a', hidden_by: 'user' }, deviceClass: undefined })).toBe(false);
  });

  it('exposes sensors and binary sensors only for the listed device classes', () => {
    expect(isExposed({ ...base, entityId: 'sensor.t', entry: undefined, deviceClass: 'temperature' })).toBe(true);
    expect(isExposed({ ...base, entityId: 'sensor.p', entry: undefined, deviceClass: 'power' })).toBe(false);
    expect(isExposed({ ...base, entityId: 'binary_sensor.d', entry: undefined, deviceClass: 'door' })).toBe(true);
    expect(isExposed({ ...base, entityId: 'binary_sensor.s', entry: undefined, deviceClass: 'smoke' })).toBe(false);
  });

  it('lets an explicit choice win over the defaults, from the expose list or the registry options', () => {
    const list = { exposed_entities: { 'lock.a': { conversation: true }, 'light.b': { conversation: false } } };
    expect(isExposed({ entityId: 'lock.a', entry: undefined, deviceClass: undefined, list, exposeNew: true })).toBe(true);
    expect(isExposed({ entityId: 'light.b', entry: undefined, deviceClass: undefined, list, exposeNew: true })).toBe(false);
    const entry = { entity_id: 'light.c', options: { conversation: { should_expose: false } } };
    expect(isExposed({ entityId: 'light.c', entry, deviceClass: undefined, list: undefined, exposeNew: true })).toBe(false);
  });

  it('exposes nothing by default when "expose new entities" is off', () => {
    expect(isExposed({ entityId: 'light.a', entry: undefined, deviceClass: undefined, list: undefined, exposeNew: false })).toBe(false);
  });
});

describe('entity records', () => {
  it('in exposed mode, hides what HA does not expose to Assist', () => {
    const byId = new Map(records('exposed', { 'light.bedroom': false }).map((r) => [r.entityId, r]));
    expect(byId.get('light.kitchen_ceiling')?.accessible).toBe(true);
    expect(byId.get('light.bedroom')?.accessible).toBe(false);
    expect(byId.get('lock.front_door')?.accessible).toBe(false);
    expect(byId.get('sensor.fridge_power')?.accessible).toBe(false);
    expect(byId.get('switch.router_restart')?.accessible).toBe(false);
  });

  it('in exposed mode, nothing is accessible before the registries have been read', () => {
    const regs = { ...registries(), loaded: false };
    expect(states.map((s) => buildEntityRecord(s, regs, 'exposed')).some((r) => r.accessible)).toBe(false);
  });

  it('in all mode, everything is accessible', () => {
    expect(records('all').every((r) => r.accessible)).toBe(true);
  });

  it('takes the area from the device when the entity has none, and the floor from the area', () => {
    const reading = records().find((r) => r.entityId === 'light.reading');
    expect(reading?.place).toEqual({ name: 'Reading lamp', area: 'Séjour', floor: 'Ground Floor' });
    expect(reading?.areaId).toBe('living_room');
    expect(reading?.deviceId).toBe('dev_hue');
  });
});
