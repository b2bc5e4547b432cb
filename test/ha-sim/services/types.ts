import type { SimContext, SimState } from '../home.js';

/** How a service relates to `return_response`, as HA's `SupportsResponse`. */
export type ResponseSupport = 'none' | 'optional' | 'only';

/** How one service field is validated (a small subset of voluptuous) and described. */
export interface FieldSpec {
  kind: 'int' | 'float' | 'string' | 'boolean' | 'enum' | 'rgb' | 'strings' | 'any';
  name: string;
  description: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** Clamp out-of-range numbers instead of rejecting them (HA does this for brightness). */
  clamp?: boolean;
  options?: readonly string[];
  example?: unknown;
  selector?: Record<string, unknown>;
}

/** A validated call, as a domain handler sees it. */
export interface ServiceCall {
  domain: string;
  service: string;
  data: Record<string, unknown>;
  /** Referenced entity ids that exist, before filtering by domain. */
  referenced: string[];
  context: SimContext;
  returnResponse: boolean;
}

/** What a handler may do to the simulated home. */
export interface ServiceRuntime {
  now(): Date;
  /** The home's temperature unit (`°C` or `°F`), for climate defaults. */
  temperatureUnit: string;
  getState(entityId: string): SimState | undefined;
  /** Writes a state; no event is fired when neither state nor attributes change (as in HA). */
  setState(entityId: string, state: string, attributes: Record<string, unknown>): void;
  /** Runs a follow-up change shortly after the call returns (e.g. vacuum returning → docked). */
  later(change: () => void): void;
  /** Per-domain scratch data kept for the sim's lifetime (todo items, calendar events). */
  data<T>(key: string, init: () => T): T;
  /** Calls another service with the same context (used by homeassistant.turn_on). */
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown>;
  hasService(domain: string, service: string): boolean;
}

/** One implemented service: its description, validation and behaviour. */
export interface ServiceSpec {
  name: string;
  description: string;
  fields: Record<string, FieldSpec>;
  response: ResponseSupport;
  /** Entity service: acts on referenced entities of `targetDomain` (default: the service domain). */
  perEntity?: (state: SimState, data: Record<string, unknown>, rt: ServiceRuntime) => unknown;
  targetDomain?: string;
  /** Non-entity service (notify, script.<name>, homeassistant.*). */
  run?: (call: ServiceCall, rt: ServiceRuntime) => unknown;
  /** A non-entity service that still takes a target (homeassistant.turn_on…). */
  takesTarget?: boolean;
  /** Accept keys that are not in `fields` (scripts take arbitrary variables). */
  allowExtra?: boolean;
}

/** All services of one domain. */
export type DomainSpec = Record<string, ServiceSpec>;

/** Shorthand for a turn_on/turn_off/toggle style entity service without fields. */
export function entityService(
  name: string,
  description: string,
  perEntity: NonNullable<ServiceSpec['perEntity']>,
  fields: Record<string, FieldSpec> = {},
): ServiceSpec {
  return { name, description, fields, response: 'none', perEntity };
}
