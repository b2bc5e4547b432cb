import type { SimState } from '../home.js';
import { field, listAttr, numberAttr, update } from './common.js';
import { serviceValidation } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

const PERCENTAGE = field.int('Percentage', 'Speed of the fan.', 0, 100, {
  selector: { number: { min: 0, max: 100, unit_of_measurement: '%' } },
});
const PRESET = field.text('Preset mode', 'Preset fan mode.');

function checkPreset(state: SimState, preset: string): void {
  const modes = listAttr(state, 'preset_modes') ?? [];
  if (!modes.includes(preset)) {
    throw serviceValidation(`Preset mode ${preset} is not valid, valid preset modes are: ${modes.join(', ')}.`);
  }
}

function setPercentage(state: SimState, percentage: number, rt: ServiceRuntime): void {
  if (percentage === 0) update(rt, state, 'off', { percentage: 0 });
  else update(rt, state, 'on', { percentage, preset_mode: null });
}

function turnOn(state: SimState, data: Record<string, unknown>, rt: ServiceRuntime): void {
  if (typeof data.preset_mode === 'string') {
    checkPreset(state, data.preset_mode);
    update(rt, state, 'on', { preset_mode: data.preset_mode });
    return;
  }
  if (typeof data.percentage === 'number') {
    setPercentage(state, data.percentage, rt);
    return;
  }
  const previous = numberAttr(state, 'percentage');
  update(rt, state, 'on', previous ? {} : { percentage: 100 });
}

function step(direction: 1 | -1) {
  return (state: SimState, data: Record<string, unknown>, rt: ServiceRuntime) => {
    const stepSize = typeof data.percentage_step === 'number' ? data.percentage_step : (numberAttr(state, 'percentage_step') ?? 25);
    const current = state.state === 'on' ? (numberAttr(state, 'percentage') ?? 0) : 0;
    setPercentage(state, Math.max(0, Math.min(100, current + direction * stepSize)), rt);
  };
}

/** fan.* — on/off, percentage, presets, oscillation and direction. */
export const fanServices: DomainSpec = {
  turn_on: {
    name: 'Turn on',
    description: 'Turns fan on.',
    fields: { percentage: PERCENTAGE, preset_mode: PRESET },
    response: 'none',
    perEntity: turnOn,
  },
  turn_off: { name: 'Turn off', description: 'Turns fan off.', fields: {}, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'off') },
  toggle: {
    name: 'Toggle',
    description: 'Toggles a fan on/off.',
    fields: {},
    response: 'none',
    perEntity: (s, d, rt) => (s.state === 'on' ? update(rt, s, 'off') : turnOn(s, d, rt)),
  },
  set_percentage: {
    name: 'Set speed',
    description: 'Sets the speed of a fan.',
    fields: { percentage: { ...PERCENTAGE, required: true } },
    response: 'none',
    perEntity: (s, d, rt) => setPercentage(s, d.percentage as number, rt),
  },
  set_preset_mode: {
    name: 'Set preset mode',
    description: 'Sets preset fan mode.',
    fields: { preset_mode: { ...PRESET, required: true } },
    response: 'none',
    perEntity: (s, d, rt) => {
      checkPreset(s, d.preset_mode as string);
      update(rt, s, 'on', { preset_mode: d.preset_mode });
    },
  },
  oscillate: {
    name: 'Oscillate',
    description: 'Controls the oscillation of a fan.',
    fields: { oscillating: field.bool('Oscillating', 'Turns oscillation on/off.', { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { oscillating: d.oscillating }),
  },
  set_direction: {
    name: 'Set direction',
    description: 'Sets a fan\'s rotation direction.',
    fields: { direction: field.choice('Direction', 'Direction of the fan rotation.', ['forward', 'reverse'], { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { direction: d.direction }),
  },
  increase_speed: {
    name: 'Increase speed',
    description: 'Increases the speed of a fan.',
    fields: { percentage_step: field.int('Increment', 'Percentage step by which the speed should be increased.', 0, 100) },
    response: 'none',
    perEntity: step(1),
  },
  decrease_speed: {
    name: 'Decrease speed',
    description: 'Decreases the speed of a fan.',
    fields: { percentage_step: field.int('Decrement', 'Percentage step by which the speed should be decreased.', 0, 100) },
    response: 'none',
    perEntity: step(-1),
  },
};
