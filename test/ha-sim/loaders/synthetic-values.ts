/**
 * Translates synthetic-home entity descriptions (Python enum names, `native_*` values, booleans
 * as states) into the state objects HA would show for them.
 */

/** Feature bits of HA's `*EntityFeature` enums used by the datasets. */
const FEATURE_BITS: Record<string, Record<string, number>> = {
  ClimateEntityFeature: { TARGET_TEMPERATURE: 1, TARGET_TEMPERATURE_RANGE: 2, TARGET_HUMIDITY: 4, FAN_MODE: 8, PRESET_MODE: 16, SWING_MODE: 32, TURN_OFF: 128, TURN_ON: 256 },
  MediaPlayerEntityFeature: {
    PAUSE: 1, SEEK: 2, VOLUME_SET: 4, VOLUME_MUTE: 8, PREVIOUS_TRACK: 16, NEXT_TRACK: 32, TURN_ON: 128, TURN_OFF: 256, PLAY_MEDIA: 512,
    VOLUME_STEP: 1024, SELECT_SOURCE: 2048, STOP: 4096, CLEAR_PLAYLIST: 8192, PLAY: 16384, SHUFFLE_SET: 32768, SELECT_SOUND_MODE: 65536,
    BROWSE_MEDIA: 131072, REPEAT_SET: 262144, GROUPING: 524288, MEDIA_ANNOUNCE: 1048576, MEDIA_ENQUEUE: 2097152,
  },
  VacuumEntityFeature: { PAUSE: 4, STOP: 8, RETURN_HOME: 16, FAN_SPEED: 32, BATTERY: 64, STATUS: 128, SEND_COMMAND: 256, LOCATE: 512, CLEAN_SPOT: 1024, MAP: 2048, STATE: 4096, START: 8192 },
  CoverEntityFeature: { OPEN: 1, CLOSE: 2, SET_POSITION: 4, STOP: 8, OPEN_TILT: 16, CLOSE_TILT: 32, STOP_TILT: 64, SET_TILT_POSITION: 128 },
  ValveEntityFeature: { OPEN: 1, CLOSE: 2, SET_POSITION: 4, STOP: 8 },
  FanEntityFeature: { SET_SPEED: 1, OSCILLATE: 2, DIRECTION: 4, PRESET_MODE: 8, TURN_OFF: 16, TURN_ON: 32 },
  LightEntityFeature: { EFFECT: 4, FLASH: 8, TRANSITION: 32 },
  LockEntityFeature: { OPEN: 1 },
  TodoListEntityFeature: { CREATE_TODO_ITEM: 1, DELETE_TODO_ITEM: 2, UPDATE_TODO_ITEM: 4, MOVE_TODO_ITEM: 8, SET_DUE_DATE_ON_ITEM: 16, SET_DUE_DATETIME_ON_ITEM: 32, SET_DESCRIPTION_ON_ITEM: 64 },
  CalendarEntityFeature: { CREATE_EVENT: 1, DELETE_EVENT: 2, UPDATE_EVENT: 4 },
  AlarmControlPanelEntityFeature: { ARM_HOME: 1, ARM_AWAY: 2, ARM_NIGHT: 4, TRIGGER: 8, ARM_CUSTOM_BYPASS: 16, ARM_VACATION: 32 },
  WaterHeaterEntityFeature: { TARGET_TEMPERATURE: 1, OPERATION_MODE: 2, AWAY_MODE: 4, ON_OFF: 8 },
};

/** `sensor.SensorDeviceClass.TEMPERATURE` → `temperature`. */
export function enumValue(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[a-z_]+\.[A-Za-z]+\.[A-Z0-9_]+$/.test(value)) return value;
  return value.split('.').pop()?.toLowerCase();
}

/** `['cover.CoverEntityFeature.OPEN', …]` → the bitmask HA reports. */
export function featureMask(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.reduce((mask: number, item) => {
    const [, enumName = '', member = ''] = String(item).split('.');
    return mask | (FEATURE_BITS[enumName]?.[member] ?? 0);
  }, 0);
}

const RENAMES: Record<string, string> = {
  native_unit_of_measurement: 'unit_of_measurement',
  native_temperature: 'temperature',
  native_temperature_unit: 'temperature_unit',
  native_wind_speed: 'wind_speed',
  native_wind_speed_unit: 'wind_speed_unit',
  current_cover_position: 'current_position',
  current_valve_position: 'current_position',
  target_temperature: 'temperature',
};

/** Attributes that drive the state rather than appear as attributes. */
const STATE_KEYS = new Set(['native_value', 'condition', 'hvac_mode', 'todo_items', 'reports_position']);

function truthyState(value: unknown): boolean | undefined {
  if (value === true || value === 'on' || value === 'open' || value === 'true') return true;
  if (value === false || value === 'off' || value === 'closed' || value === 'false') return false;
  return undefined;
}

function lightState(raw: unknown, attrs: Record<string, unknown>): string {
  const on = truthyState(raw);
  if (on !== undefined) return on ? 'on' : 'off';
  return typeof attrs.brightness === 'number' && attrs.brightness > 0 ? 'on' : 'off';
}

function positionState(raw: unknown, attrs: Record<string, unknown>): string {
  const on = truthyState(raw);
  if (on !== undefined) return on ? 'open' : 'closed';
  if (typeof raw === 'string') return raw;
  return typeof attrs.current_position === 'number' && attrs.current_position > 0 ? 'open' : 'closed';
}

function deriveState(domain: string, raw: unknown, source: Record<string, unknown>, attrs: Record<string, unknown>): string {
  switch (domain) {
    case 'light':
      return lightState(raw, attrs);
    case 'switch':
    case 'binary_sensor':
    case 'fan':
    case 'input_boolean':
      return truthyState(raw) ? 'on' : 'off';
    case 'cover':
    case 'valve':
      return positionState(raw, attrs);
    case 'climate':
      return String(source.hvac_mode ?? raw ?? 'off');
    case 'weather':
      return String(source.condition ?? raw ?? 'sunny');
    case 'todo':
      return String(Array.isArray(source.todo_items) ? source.todo_items.length : (raw ?? 0));
    case 'calendar':
      return 'off';
    case 'lock':
      return String(raw ?? 'locked');
    case 'media_player':
      return String(raw ?? 'off');
    case 'vacuum':
      return String(raw ?? 'docked');
    case 'sensor':
      return raw === null || raw === undefined ? String(source.native_value ?? 'unknown') : String(raw);
    default:
      return raw === null || raw === undefined ? 'unknown' : String(raw);
  }
}

/** State and attributes HA would show for a synthetic entity description. */
export function toHaState(entityId: string, rawState: unknown, source: Record<string, unknown> = {}): { state: string; attributes: Record<string, unknown> } {
  const domain = entityId.split('.', 1)[0] ?? '';
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (STATE_KEYS.has(key)) continue;
    if (key === 'supported_features') attributes[key] = featureMask(value);
    else if (key === 'color_mode' && Array.isArray(value)) attributes[key] = value[0];
    else if (key === 'unit_of_measurement' && domain === 'climate') continue;
    else attributes[RENAMES[key] ?? key] = enumValue(value);
  }
  const state = deriveState(domain, rawState, source, attributes);
  if (domain === 'light' && state === 'off') {
    // HA reports colour attributes as null while a light is off.
    for (const key of ['brightness', 'color_mode', 'rgbw_color', 'rgb_color', 'color_temp_kelvin']) if (key in attributes) attributes[key] = null;
  }
  if (domain === 'weather' && attributes.supported_features === undefined) attributes.supported_features = 3;
  const setsPosition = typeof attributes.supported_features === 'number' && (attributes.supported_features & 4) !== 0;
  if ((domain === 'cover' || domain === 'valve') && setsPosition && attributes.current_position === undefined) {
    attributes.current_position = state === 'open' ? 100 : 0;
  }
  return { state, attributes };
}
