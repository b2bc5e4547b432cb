/**
 * How long to wait before trying again while Home Assistant is unreachable: 1 s, doubling each
 * attempt, at most 30 s (an HA restart takes about a minute; a panel left open must not hammer it).
 */
export function retryDelayMs(attempt: number): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  return Math.min(30_000, 1000 * 2 ** Math.min(n, 5));
}
