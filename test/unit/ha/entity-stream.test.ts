import type { HassEntity } from 'home-assistant-js-websocket';
import { describe, expect, it } from 'vitest';
import { applyEntityMessage } from '../../../src/ha/entity-stream.js';

const lamp = { s: 'off', a: { friendly_name: 'Lamp', brightness: 10 }, c: 'ctx1', lc: 1_700_000_000 };

describe('applyEntityMessage', () => {
  it('expands a snapshot and replaces whatever was there (entities removed while offline vanish)', () => {
    const states = new Map<string, HassEntity>([['light.gone', {} as HassEntity]]);
    expect(applyEntityMessage(states, { a: { 'light.lamp': lamp } }, true)).toEqual({ kind: 'snapshot' });
    expect([...states.keys()]).toEqual(['light.lamp']);
    expect(states.get('light.lamp')).toMatchObject({
      state: 'off',
      context: { id: 'ctx1', parent_id: null, user_id: null },
      last_changed: '2023-11-14T22:13:20.000Z',
      last_updated: '2023-11-14T22:13:20.000Z',
    });
  });

  it('applies a compressed change: new state, added and removed attributes, times, context', () => {
    const states = new Map<string, HassEntity>();
    applyEntityMessage(states, { a: { 'light.lamp': lamp } }, true);
    const before = states.get('light.lamp');
    const update = applyEntityMessage(
      states,
      { c: { 'light.lamp': { '+': { s: 'on', a: { color_mode: 'hs' }, lc: 1_700_000_060, c: 'ctx2' }, '-': { a: ['brightness'] } } } },
      false,
    );
    expect(update).toEqual({ kind: 'delta', changed: ['light.lamp'], removed: [] });
    expect(states.get('light.lamp')).toMatchObject({
      state: 'on',
      attributes: { friendly_name: 'Lamp', color_mode: 'hs' },
      context: { id: 'ctx2' },
      last_changed: '2023-11-14T22:14:20.000Z',
    });
    expect(states.get('light.lamp')?.attributes).not.toHaveProperty('brightness');
    // The previous object is untouched, so a record holding it still sees the old state.
    expect(before?.state).toBe('off');
  });

  it('only moves last_updated when lc is absent, and reports removals', () => {
    const states = new Map<string, HassEntity>();
    applyEntityMessage(states, { a: { 'sensor.t': { s: '20', a: {}, c: 'x', lc: 1_700_000_000 } } }, true);
    applyEntityMessage(states, { c: { 'sensor.t': { '+': { lu: 1_700_000_030, a: { unit: '°C' } } } } }, false);
    expect(states.get('sensor.t')).toMatchObject({ last_changed: '2023-11-14T22:13:20.000Z', last_updated: '2023-11-14T22:13:50.000Z' });
    expect(applyEntityMessage(states, { r: ['sensor.t', 'sensor.unknown'] }, false)).toEqual({ kind: 'delta', changed: [], removed: ['sensor.t'] });
  });

  it('ignores a change for an entity it never saw', () => {
    const states = new Map<string, HassEntity>();
    expect(applyEntityMessage(states, { c: { 'light.ghost': { '+': { s: 'on' } } } }, false)).toEqual({ kind: 'delta', changed: [], removed: [] });
    expect(states.size).toBe(0);
  });
});
