import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../panel/src/common/retry-delay.js';

describe('retry back-off while Home Assistant is unreachable', () => {
  it('waits a second at first, doubles each time, and never more than 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => retryDelayMs(attempt))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('treats a nonsense attempt count as the first attempt', () => {
    expect(retryDelayMs(-3)).toBe(1000);
    expect(retryDelayMs(Number.NaN)).toBe(1000);
  });
});
