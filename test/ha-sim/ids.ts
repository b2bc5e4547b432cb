import { randomBytes } from 'node:crypto';

import type { SimContext } from './home.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 chars, time-ordered), the id format HA uses for contexts. */
export function createUlid(time: number = Date.now()): string {
  let out = '';
  let t = time;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  for (const byte of randomBytes(16)) out += CROCKFORD[byte % 32];
  return out;
}

/** A fresh context, attributed to a user when a person caused the change. */
export function createContext(userId: string | null, time?: number): SimContext {
  return { id: createUlid(time), parent_id: null, user_id: userId };
}

/** HA's epoch-seconds timestamp (float) for an ISO string. */
export function toEpochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** HA's ISO format for timestamps: microseconds and an explicit `+00:00` offset. */
export function toHaIso(time: Date | number): string {
  const iso = new Date(time).toISOString(); // 2026-01-01T00:00:00.000Z
  return `${iso.slice(0, 23)}000+00:00`;
}
