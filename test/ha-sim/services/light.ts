import type { SimState } from '../home.js';
import { field, listAttr, numberAttr, update } from './common.js';
import type { DomainSpec, FieldSpec, ServiceRuntime } from './types.js';

/** Attributes HA reports as null while a light is off. */
const COLOR_ATTRIBUTES = ['brightness', 'color_mode', 'color_temp_kelvin', 'hs_color', 'rgb_color', 'xy_color'];
const NO_BRIGHTNESS = new Set(['onoff']);
const RGB_MODES = ['rgb', 'rgbw', 'rgbww', 'hs', 'xy'];

const TURN_ON_FIELDS: Record<string, FieldSpec> = {
  transition: field.float('Transition', 'Duration it takes to get to next state.', 0, 6553, { clamp: true }),
  brightness: field.int('Brightness value', 'Number indicating brightness, 0 turns the light off, 255 is the maximum brightness.', 0, 255, {
    clamp: true,
  }),
  brightness_pct: field.float('Brightness', 'Number indicating the percentage of full brightness.', 0, 100),
  brightness_step: field.int('Brightness step value', 'Change brightness by an amount.', -255, 255, { clamp: true }),
  brightness_step_pct: field.float('Brightness step', 'Change brightness by a percentage.', -100, 100, { clamp: true }),
  color_temp_kelvin: field.int('Color temperature', 'Color temperature in Kelvin.', 1, undefined, {
    selector: { color_temp: { unit: 'kelvin', min: 2000, max: 6500 } },
  }),
  rgb_color: { kind: 'rgb', name: 'Color', description: 'The color in RGB format.', selector: { color_rgb: {} } },
  color_name: field.text('Color name', 'A human-readable color name.'),
  effect: field.text('Effect', 'Light effect.'),
  flash: field.choice('Flash', 'Tell light to flash, can be either value short or long.', ['short', 'long']),
};

/** Python's round(): halves go to the even neighbour (HA computes brightness this way). */
function pyRound(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (Math.abs(diff - 0.5) > 1e-9) return Math.round(n);
  return floor % 2 === 0 ? floor : floor + 1;
}

function supportedModes(state: SimState): string[] {
  // Fixtures often omit the color modes; treat such lights as dimmable.
  return listAttr(state, 'supported_color_modes') ?? ['brightness'];
}

/** Brightness each light had when last on, so turning it on again restores it (as bulbs do). */
function lastBrightness(rt: ServiceRuntime): Map<string, number> {
  return rt.data('light.last_brightness', () => new Map<string, number>());
}

function turnOn(state: SimState, data: Record<string, unknown>, rt: ServiceRuntime): void {
  const modes = supportedModes(state);
  const dimmable = !modes.every((m) => NO_BRIGHTNESS.has(m));
  const remembered = lastBrightness(rt);
  const current = state.state === 'on' ? numberAttr(state, 'brightness') : undefined;
  let brightness = current ?? remembered.get(state.entity_id) ?? numberAttr(state, 'brightness') ?? 255;
  if (typeof data.brightness === 'number') brightness = data.brightness;
  if (typeof data.brightness_pct === 'number') brightness = pyRound((data.brightness_pct * 255) / 100);
  if (typeof data.brightness_step === 'number') brightness = (current ?? 0) + data.brightness_step;
  if (typeof data.brightness_step_pct === 'number') brightness = (current ?? 0) + pyRound((data.brightness_step_pct * 255) / 100);
  brightness = Math.max(0, Math.min(255, brightness));
  if (dimmable && brightness === 0) {
    turnOff(state, rt);
    return;
  }
  const patch: Record<string, unknown> = {};
  if (dimmable) {
    patch.brightness = brightness;
    remembered.set(state.entity_id, brightness);
  }
  const colorMode = typeof state.attributes.color_mode === 'string' ? state.attributes.color_mode : undefined;
  patch.color_mode = colorMode ?? modes[0] ?? 'onoff';
  if (typeof data.color_temp_kelvin === 'number' && (modes.includes('color_temp') || !state.attributes.supported_color_modes)) {
    patch.color_mode = 'color_temp';
    patch.color_temp_kelvin = data.color_temp_kelvin;
    patch.rgb_color = null;
  }
  const rgbMode = modes.find((m) => RGB_MODES.includes(m)) ?? (state.attributes.supported_color_modes ? undefined : 'rgb');
  if (Array.isArray(data.rgb_color) && rgbMode) {
    patch.color_mode = rgbMode;
    patch.rgb_color = data.rgb_color;
    patch.color_temp_kelvin = null;
  }
  if (typeof data.effect === 'string') patch.effect = data.effect;
  update(rt, state, 'on', patch);
}

function turnOff(state: SimState, rt: ServiceRuntime): void {
  const brightness = numberAttr(state, 'brightness');
  if (brightness) lastBrightness(rt).set(state.entity_id, brightness);
  const patch: Record<string, unknown> = {};
  for (const key of COLOR_ATTRIBUTES) if (key in state.attributes || key === 'brightness' || key === 'color_mode') patch[key] = null;
  if (supportedModes(state).every((m) => NO_BRIGHTNESS.has(m))) delete patch.brightness;
  update(rt, state, 'off', patch);
}

/** light.* — brightness, colour temperature and RGB as HA's light entity reports them. */
export const lightServices: DomainSpec = {
  turn_on: {
    name: 'Turn on',
    description: 'Turns on one or more lights and adjusts their properties, even when they are turned on already.',
    fields: TURN_ON_FIELDS,
    response: 'none',
    perEntity: turnOn,
  },
  turn_off: {
    name: 'Turn off',
    description: 'Turns off one or more lights.',
    fields: { transition: TURN_ON_FIELDS.transition!, flash: TURN_ON_FIELDS.flash! },
    response: 'none',
    perEntity: (s, _d, rt) => turnOff(s, rt),
  },
  toggle: {
    name: 'Toggle',
    description: 'Toggles one or more lights, from on to off, or off to on, based on their current state.',
    fields: TURN_ON_FIELDS,
    response: 'none',
    perEntity: (s, d, rt) => (s.state === 'on' ? turnOff(s, rt) : turnOn(s, d, rt)),
  },
};
