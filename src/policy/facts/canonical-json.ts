import { createHash } from 'node:crypto';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * JSON with object keys sorted at every depth, so two inputs that mean the same call serialise to
 * the same text whatever order the model wrote the keys in. Otherwise exactly JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
  });
  return text ?? 'null';
}

/** sha256 (hex) of a tool name and its canonical input: what an approval is bound to. */
export function callHash(tool: string, input: unknown): string {
  return createHash('sha256').update(`${tool}\n${canonicalJson(input)}`).digest('hex');
}
