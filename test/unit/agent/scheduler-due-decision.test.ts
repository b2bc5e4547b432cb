import { describe, expect, it } from 'vitest';
import { decideDue, type DueContext } from '../../../src/agent/scheduler/due-decision.js';

const at = { kind: 'at' as const, at: '2026-05-01T07:00:02.000Z' };
const daily = { kind: 'cron' as const, cron: '0 7 * * *' };
const d = (iso: string) => new Date(iso);

function context(now: string, startedAt: string, more: Partial<DueContext> = {}): DueContext {
  return { now: d(now), startedAt: d(startedAt), timeZone: 'Europe/Paris', missedRuns: 'run_once', ...more };
}

describe('what a wake does with a timed task', () => {
  it('waits for a one-off time still to come, then runs it on time', () => {
    const facts = { spec: at, since: d('2026-05-01T07:00:00.500Z') };
    expect(decideDue(facts, context('2026-05-01T07:00:01Z', '2026-05-01T07:00:00Z'))).toEqual({ action: 'wait', at: d(at.at) });
    expect(decideDue(facts, context('2026-05-01T07:00:02Z', '2026-05-01T07:00:00Z'))).toEqual({ action: 'run', at: d(at.at), late: false });
  });

  it('calls a time reached while running on time, however late the wake that sees it', () => {
    // Scheduled in the first second; the first wake comes long after (the zone took its time).
    const facts = { spec: at, since: d('2026-05-01T07:00:00.500Z') };
    expect(decideDue(facts, context('2026-05-01T07:05:00Z', '2026-05-01T07:00:00Z'))).toEqual({ action: 'run', at: d(at.at), late: false });
  });

  it('does not need the time zone for a one-off time, but does for cron', () => {
    const facts = { spec: at, since: d('2026-05-01T07:00:00.500Z') };
    expect(decideDue(facts, context('2026-05-01T07:00:03Z', '2026-05-01T07:00:00Z', { timeZone: undefined }))).toMatchObject({ action: 'run', late: false });
    expect(decideDue({ spec: daily, since: d('2026-05-01T00:00:00Z') }, context('2026-05-01T07:00:03Z', '2026-05-01T07:00:00Z', { timeZone: undefined }))).toEqual({
      action: 'needs_time_zone',
    });
  });

  it('runs a time that passed while stopped once, late, with run_once; drops it with skip', () => {
    const facts = { spec: at, since: d('2026-05-01T06:00:00Z') };
    expect(decideDue(facts, context('2026-05-01T08:00:00Z', '2026-05-01T08:00:00Z'))).toEqual({ action: 'run', at: d(at.at), late: true });
    expect(decideDue(facts, context('2026-05-01T08:00:00Z', '2026-05-01T08:00:00Z', { missedRuns: 'skip' }))).toEqual({ action: 'finished' });
  });

  it('finishes a one-off task whose time is behind its last run', () => {
    expect(decideDue({ spec: at, since: d('2026-05-01T07:00:02Z') }, context('2026-05-01T07:00:03Z', '2026-05-01T07:00:00Z'))).toEqual({ action: 'finished' });
  });

  it('catches a cron task up once for many missed mornings, or waits for the next with skip', () => {
    // Last ran on 28 April at 07:00 Paris; started again on 1 May at 10:00 Paris (08:00 UTC).
    const facts = { spec: daily, since: d('2026-04-28T05:00:00Z') };
    expect(decideDue(facts, context('2026-05-01T08:00:00Z', '2026-05-01T08:00:00Z'))).toEqual({ action: 'run', at: d('2026-04-29T05:00:00Z'), late: true });
    expect(decideDue(facts, context('2026-05-01T08:00:00Z', '2026-05-01T08:00:00Z', { missedRuns: 'skip' }))).toEqual({ action: 'wait', at: d('2026-05-02T05:00:00Z') });
    // Once the catch-up run started, the next is tomorrow morning.
    expect(decideDue({ spec: daily, since: d('2026-05-01T08:00:00Z') }, context('2026-05-01T08:00:01Z', '2026-05-01T08:00:00Z'))).toEqual({
      action: 'wait',
      at: d('2026-05-02T05:00:00Z'),
    });
  });

  it('runs a cron time reached after the start on time, even with skip', () => {
    const facts = { spec: daily, since: d('2026-05-01T04:00:00Z') };
    expect(decideDue(facts, context('2026-05-01T05:00:00Z', '2026-05-01T04:59:59Z', { missedRuns: 'skip' }))).toEqual({
      action: 'run',
      at: d('2026-05-01T05:00:00Z'),
      late: false,
    });
  });
});
