import { describe, expect, it } from 'vitest';
import { summarizeEntity } from '../../../src/ha/entity-summary.js';

describe('entity summaries', () => {
  it('shows light brightness as a percentage, named like the service field', () => {
    const s = summarizeEntity('light.k', 'on', { brightness: 128, friendly_name: 'K', supported_features: 40 }, { name: 'K', area: 'Kitchen' });
    expect(s).toEqual({ entity_id: 'light.k', name: 'K', area: 'Kitchen', state: 'on', attributes: { brightness_pct: 50 } });
  });

  it('keeps the few attributes that matter per domain and drops the rest', () => {
    const s = summarizeEntity(
      'climate.h',
      'heat',
      { current_temperature: 19, temperature: 21, hvac_modes: ['heat', 'off'], min_temp: 7, friendly_name: 'H' },
      { name: 'H' },
    );
    expect(s.attributes).toEqual({ current_temperature: 19, temperature: 21, hvac_modes: ['heat', 'off'] });
    const sensor = summarizeEntity('sensor.t', '21', { unit_of_measurement: '°C', device_class: 'temperature', state_class: 'measurement' }, { name: 'T' });
    expect(sensor.attributes).toEqual({ unit_of_measurement: '°C', device_class: 'temperature' });
  });

  it('leaves attributes out entirely when none matter', () => {
    expect(summarizeEntity('lock.f', 'locked', { friendly_name: 'F' }, { name: 'F' })).toEqual({ entity_id: 'lock.f', name: 'F', state: 'locked' });
  });
});
