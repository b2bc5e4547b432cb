import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatRelativeTime,
  formatToolInput,
  sentenceStart,
  summarizeToolInput,
  truncate,
} from '../../../panel/src/common/format.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('formatting for the panel', () => {
  it('says how long ago something happened, in the user language', () => {
    expect(formatRelativeTime('2026-03-01T11:55:00Z', 'en', NOW)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-03-01T09:00:00Z', 'fr', NOW)).toBe('il y a 3 heures');
    expect(formatRelativeTime('2026-02-28T12:00:00Z', 'en', NOW)).toBe('yesterday');
    expect(formatRelativeTime(NOW + 10 * 60_000, 'en', NOW)).toBe('in 10 minutes');
    expect(formatRelativeTime('not a date', 'en', NOW)).toBe('');
  });

  it('groups large numbers the local way', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'fr').replace(/\s/g, ' ')).toBe('1 234 567');
  });

  it('gives a one-line gist of a tool input', () => {
    const input = { domain: 'light', service: 'turn_on', target: { entity_id: ['light.kitchen', 'light.hall'] }, data: { brightness_pct: 50 } };
    expect(summarizeToolInput(input)).toBe(
      'domain: light, service: turn_on, target: entity_id=light.kitchen light.hall, data: brightness_pct=50',
    );
    expect(summarizeToolInput({ query: 'x'.repeat(500) }, 40)).toHaveLength(40);
    expect(summarizeToolInput(undefined)).toBe('');
  });

  it('shows a full input as indented JSON, capped in size', () => {
    expect(formatToolInput({ entity_id: 'light.kitchen' })).toBe('{\n  "entity_id": "light.kitchen"\n}');
    expect(formatToolInput({ big: 'y'.repeat(10_000) }).length).toBeLessThanOrEqual(4000);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatToolInput(cyclic)).toBe('[object Object]');
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
  it("starts the server's reason clause with a capital, in the panel's language", () => {
    expect(sentenceStart('déverrouiller ou ouvrir demande toujours un oui', 'fr')).toBe('Déverrouiller ou ouvrir demande toujours un oui');
    expect(sentenceStart('it changes how the home is secured', 'en')).toBe('It changes how the home is secured');
    expect(sentenceStart('istanbul', 'tr')).toBe('İstanbul');
    expect(sentenceStart('', 'en')).toBe('');
  });
});
