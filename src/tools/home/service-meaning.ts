/**
 * What a service call means for the state of each entity it targets, as pure functions: the
 * state it leads to (turn_on → on, close_cover → closing or closed), the attributes it sets
 * (brightness, temperature, position, volume…), and which of those a person would want to see.
 * A call "did what it says" only when HA's new state passes this test.
 */

/** The parts of an HA state the tests read. */
export interface StateView {
  state: string;
  attributes: Readonly<Record<string, unknown>>;
}

/** Whether `after` is what the call asked for (`before` is the state seen before it was sent). */
export type Expectation = (after: StateView, before: StateView | undefined) => boolean;

/** Domains whose turn_on leads to exactly `on`. */
const ON_OFF_DOMAINS = new Set(['light', 'switch', 'fan', 'input_boolean', 'siren', 'humidifier', 'remote', 'automation']);
/** Domains whose turn_on leads to any state but `off` (a TV goes idle or playing, a thermostat heats). */
const NOT_OFF_DOMAINS = new Set(['media_player', 'climate', 'water_heater']);

/** The states a service leads to, whatever the domain (lock, cover, valve, vacuum, alarm, player). */
const SERVICE_STATES: Readonly<Record<string, readonly string[]>> = {
  lock: ['locked'],
  unlock: ['unlocked'],
  open_cover: ['open', 'opening'],
  close_cover: ['closed', 'closing'],
  open_valve: ['open', 'opening'],
  close_valve: ['closed', 'closing'],
  media_play: ['playing'],
  media_pause: ['paused'],
  alarm_disarm: ['disarmed'],
  alarm_arm_away: ['armed_away', 'arming'],
  alarm_arm_home: ['armed_home', 'arming'],
  alarm_arm_night: ['armed_night', 'arming'],
  alarm_arm_vacation: ['armed_vacation', 'arming'],
  return_to_base: ['returning', 'docked'],
};

/** States per domain and service where the service name alone is ambiguous across domains. */
const DOMAIN_SERVICE_STATES: Readonly<Record<string, readonly string[]>> = {
  'lock.open': ['open', 'opening'],
  'vacuum.start': ['cleaning'],
  'vacuum.pause': ['paused'],
  'lawn_mower.start_mowing': ['mowing'],
  'lawn_mower.dock': ['returning', 'docked'],
};

/** A data field → the attribute of the new state that shows it, and how close counts as equal. */
const FIELD_ATTRIBUTES: Readonly<Record<string, { attribute: string; tolerance?: number; percentOf255?: true }>> = {
  brightness_pct: { attribute: 'brightness', tolerance: 1, percentOf255: true },
  brightness: { attribute: 'brightness', tolerance: 1 },
  color_temp_kelvin: { attribute: 'color_temp_kelvin', tolerance: 50 },
  temperature: { attribute: 'temperature', tolerance: 0.05 },
  target_temp_low: { attribute: 'target_temp_low', tolerance: 0.05 },
  target_temp_high: { attribute: 'target_temp_high', tolerance: 0.05 },
  humidity: { attribute: 'humidity', tolerance: 0.5 },
  position: { attribute: 'current_position', tolerance: 0 },
  tilt_position: { attribute: 'current_tilt_position', tolerance: 0 },
  volume_level: { attribute: 'volume_level', tolerance: 0.01 },
  is_volume_muted: { attribute: 'is_volume_muted' },
  percentage: { attribute: 'percentage', tolerance: 0 },
  preset_mode: { attribute: 'preset_mode' },
  fan_mode: { attribute: 'fan_mode' },
  swing_mode: { attribute: 'swing_mode' },
  source: { attribute: 'source' },
  sound_mode: { attribute: 'sound_mode' },
  oscillating: { attribute: 'oscillating' },
  direction: { attribute: 'direction' },
  effect: { attribute: 'effect' },
};

/** Attributes a service moves without a data field naming them. */
const SERVICE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  open_cover: ['current_position'],
  close_cover: ['current_position'],
  volume_up: ['volume_level'],
  volume_down: ['volume_level'],
};

/** Services that set the state itself to a value from their data. */
const STATE_FIELDS: Readonly<Record<string, string>> = {
  set_hvac_mode: 'hvac_mode',
  select_option: 'option',
  set_operation_mode: 'operation_mode',
};

const UNUSABLE = new Set(['unavailable', 'unknown']);

function sameValue(actual: unknown, wanted: unknown, tolerance: number | undefined): boolean {
  if (typeof wanted === 'number' && typeof actual === 'number') return Math.abs(actual - wanted) <= (tolerance ?? 0);
  if (typeof wanted === 'number' && typeof actual === 'string' && actual.trim() !== '') return Math.abs(Number(actual) - wanted) <= (tolerance ?? 0);
  return JSON.stringify(actual) === JSON.stringify(wanted);
}

/** The brightness HA reports (0–255) as the percent people and light.turn_on's brightness_pct use. */
export function brightnessPercent(value: unknown): unknown {
  return typeof value === 'number' ? Math.round((value / 255) * 100) : value;
}

/** The states the call leads to, or undefined when the service name does not say. */
function targetStates(domain: string, service: string, data: Readonly<Record<string, unknown>>): ((state: string) => boolean) | undefined {
  const own = DOMAIN_SERVICE_STATES[`${domain}.${service}`] ?? SERVICE_STATES[service];
  if (own) return (state) => own.includes(state);
  const field = STATE_FIELDS[service];
  if (field !== undefined && data[field] !== undefined) return (state) => state === String(data[field]);
  if (domain === 'climate' && data['hvac_mode'] !== undefined) return (state) => state === String(data['hvac_mode']);
  if (service === 'set_value' && data['value'] !== undefined) return (state) => sameValue(state, data['value'], 1e-9);
  if (service === 'turn_on' && ON_OFF_DOMAINS.has(domain)) return (state) => state === 'on';
  if (service === 'turn_off' && (ON_OFF_DOMAINS.has(domain) || NOT_OFF_DOMAINS.has(domain))) return (state) => state === 'off';
  if (service === 'turn_on' && NOT_OFF_DOMAINS.has(domain)) return (state) => state !== 'off';
  // A fan or light given a level is on; set_temperature leaves the state to the thermostat.
  if ((domain === 'fan' && service === 'set_percentage') || (domain === 'light' && service === 'turn_on')) return (state) => state === 'on';
  return undefined;
}

/** The data fields the new state can show, with what they ask for. */
function checkedFields(data: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(data).filter(([key]) => FIELD_ATTRIBUTES[key] !== undefined);
}

/**
 * The test a new state passes when the call did what it means; undefined when neither the
 * service nor its data say what the state should become (a scene, a script, a custom service):
 * then only a new state written for the call shows it ran.
 */
export function expectationOf(domain: string, service: string, data: Readonly<Record<string, unknown>>): Expectation | undefined {
  if (service === 'toggle') return (after, before) => before !== undefined && !UNUSABLE.has(after.state) && after.state !== before.state;
  // Zero brightness or percentage turns a light or fan off in HA.
  const off = (data['brightness_pct'] === 0 || data['brightness'] === 0 || data['percentage'] === 0) && service !== 'turn_off';
  const states = off ? (state: string) => state === 'off' : targetStates(domain, service, data);
  const fields = off ? [] : checkedFields(data);
  if (!states && fields.length === 0) return undefined;
  return (after) => {
    if (UNUSABLE.has(after.state)) return false;
    if (states && !states(after.state)) return false;
    return fields.every(([key, wanted]) => {
      const spec = FIELD_ATTRIBUTES[key];
      if (!spec) return true;
      const raw = after.attributes[spec.attribute];
      return sameValue(spec.percentOf255 ? brightnessPercent(raw) : raw, wanted, spec.tolerance);
    });
  };
}

/** The attributes worth showing beside the state for this call: the ones its data or service set. */
export function watchedAttributes(service: string, data: Readonly<Record<string, unknown>>): string[] {
  const fromData = Object.keys(data).flatMap((key) => {
    const spec = FIELD_ATTRIBUTES[key];
    return spec ? [spec.attribute] : [];
  });
  return [...new Set([...fromData, ...(SERVICE_ATTRIBUTES[service] ?? [])])];
}
