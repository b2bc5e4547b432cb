import { invalidFormat } from './errors.js';
import type { FieldSpec } from './types.js';

/** Keys every entity service accepts in its data besides its own fields (HA's target fields). */
export const TARGET_KEYS = ['entity_id', 'device_id', 'area_id', 'floor_id', 'label_id'] as const;

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', 'enable']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', 'disable']);

function where(key: string): string {
  return `for dictionary value @ data['${key}']`;
}

function toNumber(value: unknown, key: string, kind: 'int' | 'float'): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || typeof value === 'boolean') throw invalidFormat(`expected ${kind} ${where(key)}`);
  if (kind === 'int') {
    if (typeof value === 'string' && !/^\s*-?\d+\s*$/.test(value)) throw invalidFormat(`expected int ${where(key)}`);
    return Math.trunc(n);
  }
  return n;
}

function checkRange(n: number, spec: FieldSpec, key: string): number {
  if (spec.max !== undefined && n > spec.max) {
    if (spec.clamp) return spec.max;
    throw invalidFormat(`value must be at most ${spec.max} ${where(key)}`);
  }
  if (spec.min !== undefined && n < spec.min) {
    if (spec.clamp) return spec.min;
    throw invalidFormat(`value must be at least ${spec.min} ${where(key)}`);
  }
  return n;
}

function toBoolean(value: unknown, key: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw invalidFormat(`invalid boolean value ${String(value)} ${where(key)}`);
}

function toRgb(value: unknown, key: string): number[] {
  if (!Array.isArray(value) || value.length !== 3) throw invalidFormat(`expected a list of 3 values ${where(key)}`);
  return value.map((part, i) => {
    const n = toNumber(part, `${key}'][${i}`, 'int');
    if (n < 0 || n > 255) throw invalidFormat(`value must be at most 255 ${where(key)}`);
    return n;
  });
}

function coerce(value: unknown, spec: FieldSpec, key: string): unknown {
  switch (spec.kind) {
    case 'int':
    case 'float':
      return checkRange(toNumber(value, key, spec.kind), spec, key);
    case 'boolean':
      return toBoolean(value, key);
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw invalidFormat(`expected str ${where(key)}`);
    case 'enum': {
      const options = spec.options ?? [];
      if (typeof value === 'string' && options.includes(value)) return value;
      const list = options.map((o) => `'${o}'`).join(', ');
      throw invalidFormat(`value must be one of [${list}] ${where(key)}`);
    }
    case 'rgb':
      return toRgb(value, key);
    case 'strings':
      if (typeof value === 'string') return [value];
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
      throw invalidFormat(`expected a list of strings ${where(key)}`);
    case 'any':
      return value;
  }
}

/**
 * Validates service data like the service's voluptuous schema: coerces known fields, rejects
 * unknown keys and missing required ones, with voluptuous' wording.
 */
export function validateServiceData(
  data: Record<string, unknown>,
  fields: Record<string, FieldSpec>,
  allowTargets: boolean,
  allowExtra = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (allowTargets && (TARGET_KEYS as readonly string[]).includes(key)) continue;
    const spec = fields[key];
    if (spec) out[key] = coerce(value, spec, key);
    else if (allowExtra) out[key] = value;
    else throw invalidFormat(`extra keys not allowed @ data['${key}']`);
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && !(key in out)) throw invalidFormat(`required key not provided @ data['${key}']`);
  }
  return out;
}
