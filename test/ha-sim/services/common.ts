import type { SimState } from '../home.js';
import type { FieldSpec, ServiceRuntime, ServiceSpec } from './types.js';

/** Writes the entity with a new state and attributes merged over the current ones. */
export function update(rt: ServiceRuntime, current: SimState, state: string, patch: Record<string, unknown> = {}): void {
  rt.setState(current.entity_id, state, { ...current.attributes, ...patch });
}

/** A number from an attribute that may be stored as a string (as in some fixtures). */
export function numberAttr(state: SimState, key: string): number | undefined {
  const value = state.attributes[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A string list attribute (hvac_modes, preset_modes, options…). */
export function listAttr(state: SimState, key: string): string[] | undefined {
  const value = state.attributes[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** Plain on/off/toggle services for a binary domain (switch, input_boolean, automation, siren). */
export function onOffServices(label: string): Record<string, ServiceSpec> {
  const set = (on: boolean) => (s: SimState, _d: Record<string, unknown>, rt: ServiceRuntime) =>
    update(rt, s, on ? 'on' : 'off');
  return {
    turn_on: { name: 'Turn on', description: `Turns on the ${label}.`, fields: {}, response: 'none', perEntity: set(true) },
    turn_off: { name: 'Turn off', description: `Turns off the ${label}.`, fields: {}, response: 'none', perEntity: set(false) },
    toggle: {
      name: 'Toggle',
      description: `Toggles the ${label} on/off.`,
      fields: {},
      response: 'none',
      perEntity: (s, d, rt) => set(s.state !== 'on')(s, d, rt),
    },
  };
}

/** Field helpers keep the service tables short. */
export const field = {
  int: (name: string, description: string, min?: number, max?: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    kind: 'int',
    name,
    description,
    min,
    max,
    selector: { number: { min, max } },
    ...extra,
  }),
  float: (name: string, description: string, min?: number, max?: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    kind: 'float',
    name,
    description,
    min,
    max,
    selector: { number: { min, max, step: 0.1 } },
    ...extra,
  }),
  text: (name: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    kind: 'string',
    name,
    description,
    selector: { text: {} },
    ...extra,
  }),
  bool: (name: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    kind: 'boolean',
    name,
    description,
    selector: { boolean: {} },
    ...extra,
  }),
  choice: (name: string, description: string, options: readonly string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({
    kind: 'enum',
    name,
    description,
    options,
    selector: { select: { options } },
    ...extra,
  }),
};
