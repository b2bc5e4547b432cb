import type { Logger } from '../logger.js';

/** Optional collaborators of a store: a clock for tests, a logger to report unreadable rows. */
export interface StoreOptions {
  now?: () => Date;
  logger?: Logger;
}

/** Clamps a page size to 1..500 (default 50); shared by every list API of the store. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 50;
  return Math.min(500, Math.max(1, Math.floor(limit)));
}
