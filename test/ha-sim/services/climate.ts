import type { SimState } from '../home.js';
import { field, listAttr, numberAttr, update } from './common.js';
import { serviceValidation } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

const HVAC_MODES = ['off', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only'] as const;
/** Order HA's climate.turn_on fallback prefers when the entity cannot turn on by itself. */
const ON_PREFERENCE = ['heat_cool', 'heat', 'cool', 'auto', 'dry', 'fan_only'];

function modesOf(state: SimState): string[] {
  return listAttr(state, 'hvac_modes') ?? ['off', 'heat', 'cool', 'auto'];
}

/** Python's str(float): 21 → "21.0". */
function pyFloat(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

function range(state: SimState, rt: ServiceRuntime): [number, number] {
  const fahrenheit = rt.temperatureUnit.includes('F');
  return [numberAttr(state, 'min_temp') ?? (fahrenheit ? 45 : 7), numberAttr(state, 'max_temp') ?? (fahrenheit ? 95 : 35)];
}

function checkMode(state: SimState, mode: string): void {
  const modes = modesOf(state);
  if (!modes.includes(mode)) {
    throw serviceValidation(`HVAC mode ${mode} is not valid. Valid HVAC modes are: ${modes.join(', ')}.`);
  }
}

function setTemperature(state: SimState, data: Record<string, unknown>, rt: ServiceRuntime): void {
  const [min, max] = range(state, rt);
  const patch: Record<string, unknown> = {};
  for (const key of ['temperature', 'target_temp_low', 'target_temp_high'] as const) {
    const value = data[key];
    if (typeof value !== 'number') continue;
    if (value < min || value > max) {
      throw serviceValidation(`Provided temperature ${pyFloat(value)} is not valid. Accepted range is ${min} to ${max}.`);
    }
    patch[key] = value;
  }
  let mode = state.state;
  if (typeof data.hvac_mode === 'string') {
    checkMode(state, data.hvac_mode);
    mode = data.hvac_mode;
  }
  update(rt, state, mode, patch);
}

function turnOn(state: SimState, rt: ServiceRuntime): void {
  if (state.state !== 'off') return;
  const modes = modesOf(state);
  const remembered = rt.data('climate.last_mode', () => new Map<string, string>()).get(state.entity_id);
  const mode = remembered ?? ON_PREFERENCE.find((m) => modes.includes(m)) ?? 'heat';
  update(rt, state, mode, { hvac_action: 'idle' });
}

function turnOff(state: SimState, rt: ServiceRuntime): void {
  if (state.state !== 'off') rt.data('climate.last_mode', () => new Map<string, string>()).set(state.entity_id, state.state);
  update(rt, state, 'off', { hvac_action: 'off' });
}

const TEMPERATURE = field.float('Target temperature', 'The temperature setpoint.', undefined, undefined, {
  selector: { number: { min: 0, max: 250, step: 0.1, mode: 'box' } },
});

/** climate.* — HVAC modes as the state, setpoints with HA's range check. */
export const climateServices: DomainSpec = {
  set_temperature: {
    name: 'Set target temperature',
    description: 'Sets the temperature setpoint.',
    fields: {
      temperature: TEMPERATURE,
      target_temp_high: { ...TEMPERATURE, name: 'Upper target temperature', description: 'The max temperature setpoint.' },
      target_temp_low: { ...TEMPERATURE, name: 'Lower target temperature', description: 'The min temperature setpoint.' },
      hvac_mode: field.choice('HVAC mode', 'HVAC operation mode.', HVAC_MODES),
    },
    response: 'none',
    perEntity: setTemperature,
  },
  set_hvac_mode: {
    name: 'Set HVAC mode',
    description: 'Sets HVAC operation mode.',
    fields: { hvac_mode: field.choice('HVAC mode', 'HVAC operation mode.', HVAC_MODES, { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => {
      checkMode(s, d.hvac_mode as string);
      if (d.hvac_mode === 'off') turnOff(s, rt);
      else update(rt, s, d.hvac_mode as string);
    },
  },
  set_fan_mode: {
    name: 'Set fan mode',
    description: 'Sets fan operation mode.',
    fields: { fan_mode: field.text('Fan mode', 'Fan operation mode.', { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { fan_mode: d.fan_mode }),
  },
  set_preset_mode: {
    name: 'Set preset mode',
    description: 'Sets preset mode.',
    fields: { preset_mode: field.text('Preset mode', 'Preset mode.', { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { preset_mode: d.preset_mode }),
  },
  set_humidity: {
    name: 'Set target humidity',
    description: 'Sets target humidity.',
    fields: { humidity: field.int('Humidity', 'Target humidity.', 30, 99, { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { humidity: d.humidity }),
  },
  turn_on: { name: 'Turn on', description: 'Turns climate device on.', fields: {}, response: 'none', perEntity: (s, _d, rt) => turnOn(s, rt) },
  turn_off: { name: 'Turn off', description: 'Turns climate device off.', fields: {}, response: 'none', perEntity: (s, _d, rt) => turnOff(s, rt) },
  toggle: {
    name: 'Toggle',
    description: 'Toggles climate device, from on to off, or off to on.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => (s.state === 'off' ? turnOn(s, rt) : turnOff(s, rt)),
  },
};
