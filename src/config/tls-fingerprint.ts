/**
 * SHA-256 certificate fingerprints as people paste them into the options: the way
 * `openssl x509 -noout -fingerprint -sha256` prints them, in any case, with or without colons.
 */

/** What a fingerprint must look like, in the words of an option error. */
export const FINGERPRINT_SHAPE =
  'must be the SHA-256 fingerprint of the server\'s certificate: 64 hexadecimal digits, with or without colons, as "openssl x509 -noout -fingerprint -sha256" prints it';

// openssl prints "sha256 Fingerprint=AB:CD:…" (older versions "SHA256 Fingerprint="): the label may come along.
const OPENSSL_LABEL = /^sha-?256\s+fingerprint\s*=\s*/i;

/** The canonical form `AB:CD:…` (upper case, colons), or undefined when `text` is no SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(OPENSSL_LABEL, '').replace(/[:\s]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** Whether two fingerprints name the same certificate, however each is spelled. */
export function sameFingerprint(a: string, b: string): boolean {
  const left = normalizeFingerprint(a);
  return left !== undefined && left === normalizeFingerprint(b);
}
