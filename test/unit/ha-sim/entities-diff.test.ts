import { describe, expect, it } from 'vitest';

import { compressState, entitiesEventFor } from '../../ha-sim/entities-diff.js';
import { EventBus } from '../../ha-sim/event-bus.js';
import type { SimState } from '../../ha-sim/index.js';
import { StateStore } from '../../ha-sim/state-store.js';

const base: SimState = {
  entity_id: 'light.desk',
  state: 'off',
  attributes: { friendly_name: 'Desk', brightness: null },
  last_changed: '2026-01-01T10:00:00.000000+00:00',
  last_updated: '2026-01-01T10:00:00.000000+00:00',
  context: { id: 'CTX1', parent_id: null, user_id: null },
};

describe('subscribe_entities compression (HA websocket_api/messages.py)', () => {
  it('omits lu when equal to lc and sends a bare context id without user or parent', () => {
    expect(compressState(base)).toEqual({ s: 'off', a: base.attributes, c: 'CTX1', lc: 1767261600 });
    const withUser = { ...base, last_updated: '2026-01-01T10:00:05.000000+00:00', context: { id: 'CTX2', parent_id: null, user_id: 'u1' } };
    expect(compressState(withUser)).toMatchObject({ c: { id: 'CTX2', parent_id: null, user_id: 'u1' }, lu: 1767261605 });
  });

  it('diffs state, timestamps, context and attributes', () => {
    const next: SimState = {
      ...base,
      state: 'on',
      attributes: { brightness: 200, color_mode: null },
      last_changed: '2026-01-01T10:01:00.000000+00:00',
      last_updated: '2026-01-01T10:01:00.000000+00:00',
      context: { id: 'CTX3', parent_id: null, user_id: 'u1' },
    };
    expect(entitiesEventFor({ entity_id: 'light.desk', old_state: base, new_state: next })).toEqual({
      // color_mode is new but null, which HA's `old.get(key) != value` does not send.
      c: { 'light.desk': { '+': { s: 'on', lc: 1767261660, c: { user_id: 'u1', id: 'CTX3' }, a: { brightness: 200 } }, '-': { a: ['friendly_name'] } } },
    });
  });

  it('adds new entities and removes deleted ones', () => {
    expect(entitiesEventFor({ entity_id: 'light.desk', old_state: null, new_state: base })).toEqual({ a: { 'light.desk': compressState(base) } });
    expect(entitiesEventFor({ entity_id: 'light.desk', old_state: base, new_state: null })).toEqual({ r: ['light.desk'] });
  });
});

describe('state store timestamps', () => {
  it('gives a second change within the same millisecond a later last_updated, as HA (microseconds) does', () => {
    const frozen = new Date('2026-01-01T10:00:00.000Z');
    const store = new StateStore(new EventBus(), () => frozen);
    const first = store.write('sensor.outside', '42', { unit_of_measurement: '°F' }, { id: 'C1', parent_id: null, user_id: null });
    const second = store.write('sensor.outside', '42', { unit_of_measurement: '°C' }, { id: 'C2', parent_id: null, user_id: null });
    expect(first?.last_updated).toBe('2026-01-01T10:00:00.000000+00:00');
    expect(second?.last_updated).toBe('2026-01-01T10:00:00.001000+00:00');
    expect(second?.last_changed).toBe(first?.last_changed);
    expect(entitiesEventFor({ entity_id: 'sensor.outside', old_state: first!, new_state: second! })).toMatchObject({ c: { 'sensor.outside': { '+': { lu: 1767261600.001 } } } });
  });
});
