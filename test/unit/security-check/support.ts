import { parseOptions } from '../../../src/config/load-config.js';
import { parseUserRules } from '../../../src/policy/rules/rule-syntax.js';
import type { SecurityFacts } from '../../../src/security-check/facts.js';

/** A careful home: every check passes on these facts; tests change one thing at a time. */
export function safeFacts(overrides: Partial<SecurityFacts> = {}, options: Record<string, unknown> = {}): SecurityFacts {
  return {
    mode: 'addon',
    options: parseOptions({ approval_notify: ['mobile_app_pixel_7'], daily_budget_usd: 2, ...options }),
    trustedProxies: ['172.30.32.2'],
    modelBaseUrl: undefined,
    haUrl: 'http://supervisor/core',
    haTokenIssuedAt: undefined,
    haTokenAdmin: undefined,
    now: new Date('2026-03-01T12:00:00Z'),
    uid: 1000,
    dataDirMode: 0o700,
    dataFiles: [
      { name: 'options.json', mode: 0o600 },
      { name: 'majordome.db', mode: 0o600 },
    ],
    sandbox: { kind: 'unused' },
    userRules: [],
    homeEntities: [
      { entityId: 'lock.front_door', deviceClass: undefined, accessible: true, exposed: false },
      { entityId: 'cover.garage_door', deviceClass: 'garage', accessible: true, exposed: true },
      { entityId: 'cover.living_room_blinds', deviceClass: 'blind', accessible: true, exposed: true },
      { entityId: 'light.kitchen', deviceClass: undefined, accessible: true, exposed: true },
    ],
    wyoming: { allowed: ['172.30.32.1', '127.0.0.1', '::1'], home: ['172.30.32.1', '127.0.0.1', '::1'] },
    ...overrides,
  };
}

/** User rules as the `rules` option writes them. */
export function rules(...specs: Array<{ effect: 'allow' | 'ask' | 'deny'; tool: string; match?: string }>) {
  return parseUserRules(specs);
}

/** A JWT with this `iat` (seconds); the signature is not checked by anyone here. */
export function jwtIssuedAt(iat: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'abc', iat, exp: iat + 315_360_000 })}.c2lnbmF0dXJl`;
}
