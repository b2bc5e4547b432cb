/**
 * Free text in an entity's data: words written outside Home Assistant's own vocabulary, such as a
 * firmware's release notes, a log line, a sensor that reports a sentence or a song title. Whoever
 * feeds the integration writes them (a vendor, a cloud service, a stranger sharing a playlist), so
 * they may be steering the model: a result that carries them is untrusted (policy/taint/taint.ts).
 *
 * Not free text: numbers, on/off, timestamps, enum values (one short word), and the choices a
 * device offers (effects, presets, sources, options, units). Those are like names, set when the
 * device or integration is set up, and the instruction scan (policy/taint/instruction-scan.ts) reads
 * them as it reads names. Leaving them out is what keeps reading a light or a thermostat from
 * tainting the conversation.
 */
import { t } from '../../messages/messages.js';
import type { ToolResult } from '../tool.js';

/** Where free text sits: an entity's state, or one of its attributes. */
export interface FreeTextHit {
  entityId: string;
  /** `state`, or the attribute's key. */
  part: string;
}

/** The parts of an entity a tool shows (an EntitySummary, a history row). */
export interface EntityText {
  entity_id: string;
  state?: string;
  attributes?: Readonly<Record<string, unknown>> | undefined;
}

/** Domains whose state can be any text (a template sensor, a text helper, a weather service). */
const FREE_TEXT_STATE_DOMAINS = new Set(['sensor', 'input_text', 'text', 'weather']);

/** Attributes that hold a device's choices or units: vocabulary, read like names. */
const VOCABULARY_KEYS = new Set([
  'unit_of_measurement',
  'device_class',
  'state_class',
  'options',
  'effect',
  'effect_list',
  'preset_mode',
  'preset_modes',
  'fan_mode',
  'fan_modes',
  'swing_mode',
  'swing_modes',
  'swing_horizontal_mode',
  'swing_horizontal_modes',
  'hvac_mode',
  'hvac_modes',
  'hvac_action',
  'color_mode',
  'source',
  'source_list',
  'sound_mode',
  'sound_mode_list',
  'fan_speed',
  'fan_speed_list',
  'mode',
  'available_modes',
  'operation_mode',
  'operation_list',
  'current_activity',
  'activity_list',
  'event_type',
  'event_types',
  'code_format',
  'pattern',
  'temperature_unit',
  'pressure_unit',
  'wind_speed_unit',
  'visibility_unit',
  'precipitation_unit',
]);

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{2}:\d{2}(?::\d{2})?$/i;
/** One word: an enum value, a version, a unit, an entity id, a token. No spaces, markup or quotes. */
const WORD = /^[^\s<>"`{}[\]\\]{1,64}$/u;

/** Whether a string is data rather than text: a number, a timestamp, one word (on, heat_cool, 2024.6.1, light.kitchen). */
export function isPlainValue(text: string): boolean {
  const value = text.trim();
  if (value === '') return true;
  if (NUMBER.test(value) || TIMESTAMP.test(value)) return true;
  // A link is text that can send the model somewhere, however short.
  return WORD.test(value) && !value.includes('://') && !/^www\./i.test(value);
}

/** Whether an entity's state is free text: only text-like domains hold one, and never one of the entity's own `options` (an enum sensor). */
export function isFreeTextState(entityId: string, state: string, attributes?: Readonly<Record<string, unknown>>): boolean {
  if (!FREE_TEXT_STATE_DOMAINS.has(entityId.split('.', 1)[0] ?? '') || isPlainValue(state)) return false;
  const options = attributes?.['options'];
  return !(Array.isArray(options) && options.includes(state));
}

function holdsFreeText(value: unknown): boolean {
  if (typeof value === 'string') return !isPlainValue(value);
  if (Array.isArray(value)) return value.some(holdsFreeText);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(holdsFreeText);
}

/**
 * The first attribute whose value holds free text, if any. Keys are left to the instruction scan:
 * the integration's code names them ("Open since"), not whoever feeds it.
 */
export function freeTextAttribute(attributes: Readonly<Record<string, unknown>>): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    if (!VOCABULARY_KEYS.has(key) && holdsFreeText(value)) return key;
  }
  return undefined;
}

/** The first place among these entities that holds free text, if any. */
export function findFreeText(entities: readonly EntityText[]): FreeTextHit | undefined {
  for (const entity of entities) {
    if (entity.state !== undefined && isFreeTextState(entity.entity_id, entity.state, entity.attributes)) return { entityId: entity.entity_id, part: 'state' };
    const key = entity.attributes ? freeTextAttribute(entity.attributes) : undefined;
    if (key !== undefined) return { entityId: entity.entity_id, part: key };
  }
  return undefined;
}

/** Finishes "after reading …" for a hit, in `language` (the reader's): "the release_summary attribute of update.router". */
export function freeTextSource(hit: FreeTextHit, language?: string): string {
  if (hit.part === 'state') return t(language, 'taint.entity_state', { entity: hit.entityId });
  return t(language, 'taint.entity_attribute', { attribute: hit.part.slice(0, 60), entity: hit.entityId });
}

/** The result, marked untrusted and saying where (in `language`), when it shows these entities holding free text. */
export function markFreeText(
  result: ToolResult,
  entities: readonly EntityText[],
  language?: string,
  source: (hit: FreeTextHit) => string = (hit) => freeTextSource(hit, language),
): ToolResult {
  const hit = findFreeText(entities);
  if (!hit) return result;
  return { ...result, untrusted: true, taintSource: result.taintSource ?? source(hit) };
}
