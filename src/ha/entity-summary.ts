/**
 * The terse view of an entity the model sees: id, name, where it is, its state and the handful of
 * attributes that matter for its domain. Every token here is paid for on every call.
 */

/** An entity as tools return it. */
export interface EntitySummary {
  entity_id: string;
  name: string;
  area?: string;
  floor?: string;
  state: string;
  attributes?: Record<string, unknown>;
}

/** Where an entity sits, resolved from the registries. */
export interface EntityPlace {
  name: string;
  area?: string | undefined;
  floor?: string | undefined;
}

/** Attributes worth showing, per domain (unit and device class are shown for every domain). */
const KEY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  light: ['brightness', 'color_temp_kelvin', 'rgb_color'],
  climate: ['current_temperature', 'temperature', 'target_temp_low', 'target_temp_high', 'hvac_action', 'hvac_modes', 'preset_mode', 'fan_mode'],
  cover: ['current_position', 'current_tilt_position'],
  valve: ['current_position'],
  media_player: ['volume_level', 'is_volume_muted', 'media_title', 'media_artist', 'source'],
  fan: ['percentage', 'preset_mode', 'oscillating'],
  humidifier: ['humidity', 'current_humidity', 'mode'],
  water_heater: ['temperature', 'current_temperature', 'operation_mode'],
  weather: ['temperature', 'temperature_unit', 'humidity', 'wind_speed', 'wind_speed_unit'],
  vacuum: ['battery_level', 'status'],
  lock: ['changed_by'],
  alarm_control_panel: ['changed_by'],
  person: ['source'],
  device_tracker: ['source_type'],
  sun: ['next_rising', 'next_setting', 'elevation'],
  todo: [],
  input_number: ['min', 'max', 'step'],
  number: ['min', 'max', 'step'],
  input_select: ['options'],
  select: ['options'],
  timer: ['remaining', 'duration', 'finishes_at'],
};

const EVERY_DOMAIN = ['unit_of_measurement', 'device_class'];

/** HA reports light brightness 0–255; people and models think in percent. */
function brightnessPercent(value: unknown): unknown {
  return typeof value === 'number' ? Math.round((value / 255) * 100) : value;
}

/** Picks the attributes that matter for the entity's domain, in a compact form. */
export function keyAttributes(entityId: string, attributes: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const domain = entityId.split('.', 1)[0] ?? '';
  const out: Record<string, unknown> = {};
  for (const key of [...(KEY_ATTRIBUTES[domain] ?? []), ...EVERY_DOMAIN]) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length > 12) continue;
    // Named like light.turn_on's own field so the model can echo it back.
    if (domain === 'light' && key === 'brightness') out['brightness_pct'] = brightnessPercent(value);
    else out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Builds the summary of one entity. */
export function summarizeEntity(
  entityId: string,
  state: string,
  attributes: Readonly<Record<string, unknown>>,
  place: EntityPlace,
): EntitySummary {
  const summary: EntitySummary = { entity_id: entityId, name: place.name, state };
  if (place.area) summary.area = place.area;
  if (place.floor) summary.floor = place.floor;
  const attrs = keyAttributes(entityId, attributes);
  if (attrs) summary.attributes = attrs;
  return summary;
}
