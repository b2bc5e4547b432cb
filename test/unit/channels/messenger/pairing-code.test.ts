import { describe, expect, it } from 'vitest';
import { newPairingCode, normalizePairingCode } from '../../../../src/channels/messenger/pairing-code.js';

describe('pairing codes', () => {
  it('are 8 unambiguous characters in two groups, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, newPairingCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('match however the admin types them', () => {
    expect(normalizePairingCode(' k7mp q2xa ')).toBe('K7MP-Q2XA');
    expect(normalizePairingCode('K7MPQ2XA')).toBe('K7MP-Q2XA');
    expect(normalizePairingCode('abc')).toBe('ABC');
  });
});
