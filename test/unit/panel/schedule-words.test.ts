import { describe, expect, it } from 'vitest';
import { createLocalize } from '../../../panel/src/common/localize.js';
import { cronInWords, triggerInWords } from '../../../panel/src/common/schedule-words.js';
import { toTaskView } from '../../../src/channels/http/wire.js';

const en = createLocalize('en');
const fr = createLocalize('fr');

describe('schedules in words', () => {
  it('says a cron schedule in English and French, and gives up on one it cannot read', () => {
    expect(cronInWords('0 7 * * 1-5', 'en')).toBe('At 07:00 AM, Monday through Friday');
    expect(cronInWords('30 18 * * *', 'fr')).toBe('À 18:30');
    expect(cronInWords('every tuesday', 'en')).toBeUndefined();
  });

  it('says a trigger as a sentence, with the name people know', () => {
    const door = { name: 'Pet Door', device_class: 'door' };
    expect(triggerInWords({ type: 'state', entity_id: 'binary_sensor.pet_door', to: 'on' }, door, en)).toBe('When Pet Door opens');
    expect(triggerInWords({ type: 'state', entity_id: 'binary_sensor.pet_door', to: 'off' }, door, fr)).toBe('Quand Pet Door se ferme');
    expect(triggerInWords({ type: 'state', entity_id: 'sensor.washer', from: 'running', to: 'idle' }, undefined, en)).toBe('When sensor.washer goes from “running” to “idle”');
    expect(triggerInWords({ type: 'event', event_type: 'doorbell_ring' }, undefined, en)).toBe('When the event doorbell_ring happens');
    expect(triggerInWords({ type: 'mail', account: 'home' }, undefined, fr)).toBe('Quand un nouveau mail arrive dans home');
  });

  it('sends the trigger and its entity name with a task, and never the event data', () => {
    const view = toTaskView(
      {
        id: 't1',
        prompt: 'Ring',
        spec: { kind: 'trigger', trigger: { type: 'event', event_type: 'doorbell_ring', event_data: { code: 1234 } } },
        status: 'active',
        conversationId: 'c1',
        createdAt: '2026-03-01T00:00:00Z',
      },
      () => ({ name: 'x' }),
    );
    expect(view.trigger).toEqual({ type: 'event', event_type: 'doorbell_ring' });
    expect(view.trigger_entity).toBeUndefined();
  });
});
