import { describe, expect, it } from 'vitest';
import { normalizeFingerprint, sameFingerprint } from '../../../src/config/tls-fingerprint.js';

const PRINTED = 'FC:11:17:E2:24:62:87:50:50:7B:26:FA:A5:36:8A:24:4C:6D:5F:89:E9:46:64:E4:6F:F6:ED:C7:C1:AC:C0:A8';

describe('SHA-256 certificate fingerprints as people paste them', () => {
  it('read the way openssl prints them, in any case, with or without colons, and with the "sha256 Fingerprint=" label', () => {
    for (const pasted of [PRINTED, PRINTED.toLowerCase(), PRINTED.replaceAll(':', ''), `  ${PRINTED.replaceAll(':', '').toLowerCase()}\n`, `sha256 Fingerprint=${PRINTED}`, `SHA256 Fingerprint=${PRINTED}`]) {
      expect(normalizeFingerprint(pasted), pasted).toBe(PRINTED);
    }
  });

  it('refuse what is not a SHA-256 fingerprint: SHA-1 length, a missing or extra digit, a non-hex letter, an empty text', () => {
    const sha1 = 'A9:4A:8F:E5:CC:B1:9B:A6:1C:4C:08:73:D3:91:E9:87:98:2F:BB:D3';
    for (const bad of [sha1, PRINTED.slice(0, -1), `${PRINTED}0`, PRINTED.replace('FC', 'FG'), '', 'sha256 Fingerprint=']) {
      expect(normalizeFingerprint(bad), bad).toBeUndefined();
    }
  });

  it('compare equal whatever the spelling, and differ when one digit differs', () => {
    expect(sameFingerprint(PRINTED, PRINTED.replaceAll(':', '').toLowerCase())).toBe(true);
    expect(sameFingerprint(PRINTED, PRINTED.replace(/8$/, '9'))).toBe(false);
    expect(sameFingerprint(PRINTED, 'not a fingerprint')).toBe(false);
  });
});
