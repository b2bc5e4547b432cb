/** Normalises a peer address so `::ffff:172.30.32.2` and `172.30.32.2` compare equal. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed);
  if (mapped?.[1]) return mapped[1];
  if (trimmed === '::1' || trimmed === '0:0:0:0:0:0:0:1') return '::1';
  return trimmed;
}
