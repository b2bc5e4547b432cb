/** Device templates for synthetic homes: what a typical room holds, as HA entities. */

/** A random source in [0, 1). */
export type Random = () => number;

/** One entity a template produces; `key` becomes the object id suffix. */
export interface TemplateEntity {
  domain: string;
  key: string;
  name: string;
  state: string;
  attributes: Record<string, unknown>;
  diagnostic?: boolean;
}

/** A device type: manufacturer/model and the entities it brings. */
export interface DeviceTemplate {
  key: string;
  name: string;
  weight: number;
  manufacturer: string;
  model: string;
  entities(rng: Random): TemplateEntity[];
}

const pick = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const round1 = (n: number) => Math.round(n * 10) / 10;

function battery(rng: Random): TemplateEntity {
  return {
    domain: 'sensor',
    key: 'battery',
    name: 'Battery',
    state: String(20 + Math.floor(rng() * 80)),
    attributes: { device_class: 'battery', unit_of_measurement: '%', state_class: 'measurement' },
    diagnostic: true,
  };
}

function light(rng: Random, colour: boolean): TemplateEntity {
  const on = rng() < 0.4;
  const modes = colour ? ['color_temp', 'xy'] : ['brightness'];
  const attributes: Record<string, unknown> = {
    supported_color_modes: modes,
    color_mode: on ? modes[0] : null,
    brightness: on ? 30 + Math.floor(rng() * 225) : null,
    supported_features: colour ? 44 : 32,
  };
  if (colour) Object.assign(attributes, { min_color_temp_kelvin: 2202, max_color_temp_kelvin: 6535, color_temp_kelvin: on ? 2700 : null });
  return { domain: 'light', key: '', name: '', state: on ? 'on' : 'off', attributes };
}

export const TEMPLATES: DeviceTemplate[] = [
  { key: 'ceiling_light', name: 'Ceiling Light', weight: 16, manufacturer: 'Signify', model: 'Hue White Ambiance', entities: (r) => [light(r, true)] },
  { key: 'lamp', name: 'Lamp', weight: 8, manufacturer: 'IKEA of Sweden', model: 'TRADFRI bulb E27', entities: (r) => [light(r, false)] },
  {
    key: 'plug',
    name: 'Smart Plug',
    weight: 8,
    manufacturer: 'TP-Link',
    model: 'KP115',
    entities: (r) => [
      { domain: 'switch', key: '', name: '', state: r() < 0.5 ? 'on' : 'off', attributes: { device_class: 'outlet' } },
      { domain: 'sensor', key: 'power', name: 'Power', state: String(round1(r() * 120)), attributes: { device_class: 'power', unit_of_measurement: 'W', state_class: 'measurement' } },
    ],
  },
  {
    key: 'climate_sensor',
    name: 'Climate Sensor',
    weight: 12,
    manufacturer: 'Aqara',
    model: 'WSDCGQ11LM',
    entities: (r) => [
      { domain: 'sensor', key: 'temperature', name: 'Temperature', state: String(round1(18 + r() * 6)), attributes: { device_class: 'temperature', unit_of_measurement: '°C', state_class: 'measurement' } },
      { domain: 'sensor', key: 'humidity', name: 'Humidity', state: String(Math.round(35 + r() * 30)), attributes: { device_class: 'humidity', unit_of_measurement: '%', state_class: 'measurement' } },
      battery(r),
    ],
  },
  {
    key: 'motion',
    name: 'Motion Sensor',
    weight: 9,
    manufacturer: 'Philips',
    model: 'SML001',
    entities: (r) => [
      { domain: 'binary_sensor', key: '', name: '', state: r() < 0.2 ? 'on' : 'off', attributes: { device_class: 'motion' } },
      { domain: 'sensor', key: 'illuminance', name: 'Illuminance', state: String(Math.round(r() * 400)), attributes: { device_class: 'illuminance', unit_of_measurement: 'lx', state_class: 'measurement' } },
      battery(r),
    ],
  },
  {
    key: 'window',
    name: 'Window',
    weight: 7,
    manufacturer: 'Aqara',
    model: 'MCCGQ11LM',
    entities: (r) => [{ domain: 'binary_sensor', key: '', name: '', state: r() < 0.15 ? 'on' : 'off', attributes: { device_class: 'window' } }, battery(r)],
  },
  {
    key: 'thermostat',
    name: 'Thermostat',
    weight: 4,
    manufacturer: 'ecobee',
    model: 'SmartThermostat',
    entities: (r) => {
      const mode = pick(r, ['heat', 'heat', 'off', 'auto']);
      return [
        {
          domain: 'climate',
          key: '',
          name: '',
          state: mode,
          attributes: {
            hvac_modes: ['off', 'heat', 'cool', 'auto'],
            min_temp: 7,
            max_temp: 35,
            target_temp_step: 0.5,
            current_temperature: round1(18 + r() * 5),
            temperature: 20.5,
            hvac_action: mode === 'off' ? 'off' : 'idle',
            supported_features: 385,
          },
        },
      ];
    },
  },
  {
    key: 'blinds',
    name: 'Blinds',
    weight: 5,
    manufacturer: 'IKEA of Sweden',
    model: 'FYRTUR',
    entities: (r) => {
      const position = pick(r, [0, 0, 50, 100]);
      return [{ domain: 'cover', key: '', name: '', state: position > 0 ? 'open' : 'closed', attributes: { device_class: 'blind', current_position: position, supported_features: 15 } }];
    },
  },
  {
    key: 'speaker',
    name: 'Speaker',
    weight: 4,
    manufacturer: 'Sonos',
    model: 'One',
    entities: (r) => [
      { domain: 'media_player', key: '', name: '', state: pick(r, ['idle', 'paused', 'playing', 'off']), attributes: { device_class: 'speaker', volume_level: 0.3, is_volume_muted: false, supported_features: 4127295 } },
    ],
  },
  {
    key: 'tv',
    name: 'TV',
    weight: 2,
    manufacturer: 'LG',
    model: 'OLED55C1',
    entities: (r) => [{ domain: 'media_player', key: '', name: '', state: pick(r, ['off', 'off', 'playing']), attributes: { device_class: 'tv', source_list: ['HDMI 1', 'Netflix', 'YouTube'], supported_features: 24461 } }],
  },
  {
    key: 'fan',
    name: 'Fan',
    weight: 2,
    manufacturer: 'Dyson',
    model: 'Pure Cool',
    entities: (r) => [{ domain: 'fan', key: '', name: '', state: 'off', attributes: { percentage: 0, percentage_step: 10, preset_modes: ['auto', 'sleep'], preset_mode: null, oscillating: r() < 0.5, supported_features: 59 } }],
  },
  {
    key: 'smoke',
    name: 'Smoke Detector',
    weight: 3,
    manufacturer: 'Nest',
    model: 'Protect',
    entities: (r) => [{ domain: 'binary_sensor', key: '', name: '', state: 'off', attributes: { device_class: 'smoke' } }, battery(r)],
  },
  {
    key: 'leak',
    name: 'Leak Sensor',
    weight: 2,
    manufacturer: 'Aqara',
    model: 'SJCGQ11LM',
    entities: (r) => [{ domain: 'binary_sensor', key: '', name: '', state: 'off', attributes: { device_class: 'moisture' } }, battery(r)],
  },
  {
    key: 'door_lock',
    name: 'Door Lock',
    weight: 2,
    manufacturer: 'Yale',
    model: 'Linus',
    entities: (r) => [{ domain: 'lock', key: '', name: '', state: r() < 0.8 ? 'locked' : 'unlocked', attributes: { supported_features: 1 } }, battery(r)],
  },
];
