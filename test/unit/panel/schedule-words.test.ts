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

  it('says a trigger’s states in HA’s words the server sent, else as HA names them', () => {
    const door = { name: 'Front Door' };
    const unlocked = { type: 'state', entity_id: 'lock.front_door', from: 'locked', to: 'unlocked' } as const;
    expect(triggerInWords(unlocked, door, fr, { from: 'Verrouillé', to: 'Déverrouillé' })).toBe('Quand Front Door passe de « Verrouillé » à « Déverrouillé »');
    expect(triggerInWords({ type: 'state', entity_id: 'lock.front_door', to: 'unlocked' }, door, fr, { to: 'Déverrouillé' })).toBe('Quand Front Door passe à « Déverrouillé »');
    expect(triggerInWords({ type: 'state', entity_id: 'lock.front_door', from: 'locked' }, door, fr, { from: 'Verrouillé' })).toBe('Quand Front Door n\'est plus « Verrouillé »');
    expect(triggerInWords(unlocked, door, fr)).toBe('Quand Front Door passe de « locked » à « unlocked »');
  });

  it('sends a state trigger’s states in the words `wordOf` gives, the trigger itself as HA has it', () => {
    const task = {
      id: 't2',
      prompt: 'Préviens-moi',
      spec: { kind: 'trigger' as const, trigger: { type: 'state', entity_id: 'lock.front_door', from: 'locked', to: 'unlocked' } },
      status: 'active' as const,
      conversationId: 'c1',
      createdAt: '2026-03-01T00:00:00Z',
    };
    const french: Record<string, string> = { locked: 'Verrouillé', unlocked: 'Déverrouillé' };
    const view = toTaskView(task, () => ({ name: 'Front Door' }), (_id, state) => french[state] ?? state);
    expect(view.trigger).toEqual({ type: 'state', entity_id: 'lock.front_door', from: 'locked', to: 'unlocked' });
    expect(view.trigger_words).toEqual({ from: 'Verrouillé', to: 'Déverrouillé' });
    expect(toTaskView(task).trigger_words).toBeUndefined();
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
