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

/** A deterministic ULID-shaped id derived from a seed string (stable fixture contexts). */
export function stableUlid(seed: string, time: number): string {
  let out = createUlid(time).slice(0, 10);
  let h = 0x811c9dc5;
  for (let i = 0; out.length < 26; i++) {
    h ^= seed.charCodeAt(i % Math.max(seed.length, 1)) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += CROCKFORD[h % 32];
  }
  return out;
}
