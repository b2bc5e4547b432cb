import { describe, expect, it } from 'vitest';
import { compactHistory } from '../../../src/tools/home/history-compact.js';

const t0 = Date.UTC(2025, 0, 1) / 1000;

describe('history compaction', () => {
  it('keeps real state changes only, as {state, at}', () => {
    const rows = [
      { s: 'off', a: {}, lu: t0 },
      { s: 'on', lu: t0 + 60 },
      { s: 'on', lu: t0 + 90 },
      { s: 'off', lu: t0 + 120 },
    ];
    expect(compactHistory(rows, 10)).toEqual({
      changes: [
        { state: 'off', at: '2025-01-01T00:00:00Z' },
        { state: 'on', at: '2025-01-01T00:01:00Z' },
        { state: 'off', at: '2025-01-01T00:02:00Z' },
      ],
    });
  });

  it('keeps the newest changes and says how many were left out', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ s: i % 2 ? 'on' : 'off', lu: t0 + i }));
    const out = compactHistory(rows, 5);
    expect(out.changes).toHaveLength(5);
    expect(out.omitted).toBe(25);
    expect(out.changes.at(-1)?.state).toBe('on');
  });

  it('adds min, max and mean for numeric sensors', () => {
    const rows = [18, 20, 22].map((v, i) => ({ s: String(v), lu: t0 + i }));
    expect(compactHistory(rows, 10).stats).toEqual({ min: 18, max: 22, mean: 20 });
  });
});
