import { describe, expect, it } from 'vitest';
import { checkCron, nextRun, toInstant } from '../../../src/agent/scheduler/timing.js';
import { looksSecret } from '../../../src/tools/memory.js';

describe('scheduler timing', () => {
  it('reads a time without offset as the home local time, on both sides of a DST change', () => {
    expect(toInstant('2026-03-28T07:00', 'Europe/Paris').toISOString()).toBe('2026-03-28T06:00:00.000Z');
    expect(toInstant('2026-03-29T07:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(toInstant('2026-10-25 18:30:00', 'America/New_York').toISOString()).toBe('2026-10-25T22:30:00.000Z');
    expect(toInstant('2026-03-29T07:00:00+02:00', 'UTC').toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(() => toInstant('tomorrow', 'UTC')).toThrow(/ISO date/);
  });

  it('keeps a daily cron at the same local hour when the offset changes', () => {
    const spec = { kind: 'cron' as const, cron: '30 6 * * *' };
    expect(nextRun(spec, new Date('2026-10-24T12:00:00Z'), 'Europe/Paris')?.toISOString()).toBe('2026-10-25T05:30:00.000Z');
    expect(nextRun(spec, new Date('2026-10-25T12:00:00Z'), 'Europe/Paris')?.toISOString()).toBe('2026-10-26T05:30:00.000Z');
    expect(() => checkCron('every day', 'UTC')).toThrow(/not a cron expression/);
  });
});

describe('memory secrets', () => {
  it('refuses passwords and codes in plain words, keeps ordinary facts', () => {
    expect(looksSecret('My wifi password is Sunflower2024')).toBe(true);
    expect(looksSecret('le code de l’alarme est 4921'.replace('’', "'"))).toBe(true);
    expect(looksSecret('The alarm code is 4921')).toBe(true);
    expect(looksSecret('I like the bedroom at 19 degrees')).toBe(false);
    expect(looksSecret('ghp_' + 'a'.repeat(36), { contains: (t) => t.startsWith('ghp_') })).toBe(true);
  });
});
