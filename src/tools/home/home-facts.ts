/**
 * What the ha_* tools declare about their calls: the entities a call will act on (expanded exactly
 * as the tool expands them), their domain and device class, what a cover's name says it is, and the
 * temperatures it sets. An entity outside entity_access refuses the call before any rule, with the
 * tool's own wording.
 */
import { t } from '../../messages/messages.js';
import type { CallFacts, FactRecord } from '../call-facts.js';
import { passageNamed } from './passage-words.js';
import { entityIdsInData, resolveTarget, type TargetInput, type TargetLookup } from './service-target.js';

/** What the declarations need from the entity index (EntityIndex implements it). */
export interface HomeLookup extends TargetLookup {
  getState(entityId: string): { attributes: Readonly<Record<string, unknown>> } | undefined;
}

/** Where home facts come from. */
export interface HomeFactsDeps {
  lookup: HomeLookup;
  /** HA's temperature unit (`°C`, `°F`), when known; service data temperatures are in it. */
  temperatureUnit?: () => string | undefined;
}

/** An `ha_call_service` call, as its schema reads it. */
export interface ServiceCallInput {
  domain: string;
  service: string;
  target?: TargetInput | undefined;
  data?: Readonly<Record<string, unknown>> | undefined;
}

/** Fields of climate and water heater services that set a temperature. */
const TEMPERATURE_FIELDS = ['temperature', 'target_temp_low', 'target_temp_high'];

/** Why the policy refuses entities the assistant may not see, in `language` (the asking person's). */
const notAvailable = (ids: readonly string[], language: string | undefined): string => t(language, 'home.hidden', { ids: ids.join(', ') });

function entityRecord(lookup: HomeLookup, entityId: string): FactRecord {
  const [domain = '', objectId = ''] = entityId.split('.', 2);
  const record: Record<string, string> = { entity_id: entityId, entity_domain: domain };
  const attributes = lookup.getState(entityId)?.attributes ?? {};
  const deviceClass = attributes['device_class'];
  if (typeof deviceClass === 'string') record['device_class'] = deviceClass;
  if (domain === 'cover') {
    // A gate motor often has no device class, or a wrong one: its name is read too.
    const name = attributes['friendly_name'];
    const said = passageNamed([objectId, ...(typeof name === 'string' ? [name] : [])]);
    if (said) record['name_says'] = said;
  }
  return record;
}

/** Celsius for a temperature in HA's unit; an unknown unit is taken as °C (°F values then look too hot, which asks). */
export function toCelsius(value: number, unit: string | undefined): number {
  const celsius = unit && /F$/i.test(unit) ? ((value - 32) * 5) / 9 : value;
  return Math.round(celsius * 10) / 10;
}

function temperatureRecords(data: Readonly<Record<string, unknown>>, unit: string | undefined): FactRecord[] {
  return TEMPERATURE_FIELDS.flatMap((field) => {
    const value = data[field];
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) return value === undefined ? [] : [{ temperature_c: String(value) }];
    return [{ temperature_c: String(toCelsius(number, unit)) }];
  });
}

/** Facts of an `ha_call_service` call; its first group lists the entities it acts on; a refusal is worded in `language`. */
export function serviceCallFacts(deps: HomeFactsDeps, call: ServiceCallInput, language?: string): CallFacts {
  const { domain, service } = call;
  const data = call.data ?? {};
  const base = { domain, service };

  const resolution = resolveTarget(domain, call.target, deps.lookup);
  const explicit = [call.target?.entity_id ?? []].flat();
  const hidden = explicit.filter((id) => !deps.lookup.isAccessible(id.trim()));
  const inData = entityIdsInData(data, (d) => deps.lookup.hasDomain(d));
  const hiddenInData = inData.filter((id) => !deps.lookup.isAccessible(id));
  if (hidden.length + hiddenInData.length > 0) return { base, groups: [], refusal: notAvailable([...hidden, ...hiddenInData], language) };

  const ids = new Set([...(resolution.ok ? (resolution.entityIds ?? []) : []), ...inData]);
  const entities = [...ids].sort().map((id) => entityRecord(deps.lookup, id));
  return { base, groups: [entities, temperatureRecords(data, deps.temperatureUnit?.())] };
}

/** Facts of a read tool naming one entity (`ha_get_state`, `ha_get_history`); a refusal is worded in `language`. */
export function entityReadFacts(deps: HomeFactsDeps, entityId: string, language?: string): CallFacts {
  if (!deps.lookup.isAccessible(entityId)) return { base: {}, groups: [], refusal: notAvailable([entityId], language) };
  return { base: {}, groups: [[entityRecord(deps.lookup, entityId)]] };
}
