import { describe, expect, it } from 'vitest';
import { createLocalize } from '../../../panel/src/common/localize.js';
import { humanise, pictureAlt, resultWords, toolTitle } from '../../../panel/src/common/tool-words.js';

const en = createLocalize('en');
const fr = createLocalize('fr');

describe('tool card titles', () => {
  it('says what a light command did, not the service name, in English and French', () => {
    const call = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen_ceiling' } };
    expect(toolTitle('ha_call_service', call, en)).toBe('Kitchen ceiling → on');
    expect(toolTitle('ha_call_service', call, fr)).toBe('Kitchen ceiling → allumé');
    expect(toolTitle('ha_call_service', { ...call, service: 'turn_off', target: { area_id: 'kitchen' } }, en)).toBe('Everything in Kitchen → off');
  });

  it('names several things and a service without a verb of its own in words', () => {
    const call = { domain: 'climate', service: 'set_temperature', target: { entity_id: ['climate.living_room', 'climate.hall'] }, data: { temperature: 21 } };
    expect(toolTitle('ha_call_service', call, en)).toBe('Set temperature: Living room and Hall');
    expect(toolTitle('ha_call_service', call, fr)).toBe('Set temperature : Living room et Hall');
    expect(toolTitle('ha_call_service', { domain: 'scene', service: 'turn_on', target: { entity_id: 'scene.movie_night' } }, en)).toBe('Scene Movie night');
  });

  it('gives each tool family a title of its own', () => {
    expect(toolTitle('ha_find_entities', { query: 'kitchen' }, en)).toBe('Searched for “kitchen”');
    expect(toolTitle('ha_find_entities', { query: 'kitchen' }, fr)).toBe('Recherche de « kitchen »');
    expect(toolTitle('ha_get_state', { entity_id: 'sensor.living_room_temperature' }, en)).toBe('Checked Living room temperature');
    expect(toolTitle('browser_open', { url: 'https://example.org/news?a=1' }, en)).toBe('Opened example.org');
    expect(toolTitle('mail_search', { from: 'Anna' }, en)).toBe('Searched the mail from Anna');
    expect(toolTitle('mail_send', { to: ['anna@example.com', 'carl@example.net'], subject: 'x', body: 'y' }, fr)).toBe('Mail à anna@example.com, carl@example.net');
    expect(toolTitle('mail_read', { uid: 4 }, en)).toBe('Read a mail');
    expect(toolTitle('shell_run', { command: 'df -h' }, fr)).toBe('Commande exécutée');
    expect(toolTitle('memory_save', { fact: 'Anna likes tea' }, en)).toBe('Remembered: Anna likes tea');
    expect(toolTitle('task_schedule', { prompt: 'x' }, fr)).toBe('Tâche planifiée');
    expect(toolTitle('notify_user', { message: 'x' }, en)).toBe('Sent a notification');
    expect(toolTitle('ha_save_automation', { config: {} }, fr)).toBe('Automatisation enregistrée');
    expect(toolTitle('browser_act', { ref: 'e3', action: 'click' }, en)).toBe('Clicked in the page');
  });

  it('falls back to the tool name in words for a tool it does not know, and never shows JSON', () => {
    expect(toolTitle('weather_get_forecast', { city: 'Paris' }, en)).toBe('Weather get forecast');
    expect(toolTitle('browser_act', { action: 'dance' }, en)).toBe('Browser act');
    expect(toolTitle('ha_call_service', 'not an object', en)).not.toMatch(/[{}"]/);
    expect(humanise('kitchen__ceiling_')).toBe('Kitchen ceiling');
  });
});

describe('tool results in words', () => {
  const scene = { domain: 'scene', service: 'turn_on', target: { entity_id: 'scene.movie_night' } };

  it('shows a scene as activated rather than the timestamp HA gives it as a state', () => {
    const summary = 'Movie night: 2026-12-07T03:59:12.123456+00:00 → 2026-12-07T04:05:00.001+00:00';
    expect(resultWords('ha_call_service', scene, summary, en)).toBe('Movie night: Scene activated');
    expect(resultWords('ha_call_service', scene, 'Movie night: unknown → 2026-12-07T04:05:00Z', fr)).toBe('Movie night: Scène activée');
  });

  it('leaves every other summary as the server worded it', () => {
    const summary = 'Kitchen cabinets: no change observed (still off), Kitchen ceiling: off → on';
    expect(resultWords('ha_call_service', { domain: 'light', service: 'turn_on' }, summary, en)).toBe(summary);
  });

  it('words a screenshot alt text in the panel language', () => {
    expect(pictureAlt('Screenshot of example.org', fr)).toBe('Capture d’écran de example.org');
    expect(pictureAlt('Screenshot of the page', en)).toBe('Screenshot of the page');
    expect(pictureAlt('Screenshot of the page', fr)).toBe('Capture d’écran de la page');
    expect(pictureAlt('Something else', fr)).toBe('Something else');
  });
});
