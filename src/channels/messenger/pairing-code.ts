import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the admin types what the stranger reads out.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh pairing code such as `K7MP-Q2XA`: 8 characters, about 40 bits. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code as typed by an admin: case and spaces ignored, the dash optional. */
export function normalizePairingCode(input: string): string {
  const bare = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}
