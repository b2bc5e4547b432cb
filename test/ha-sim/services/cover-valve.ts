import type { SimState } from '../home.js';
import { field, numberAttr, update } from './common.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

/** Cover/valve feature bit for SET_POSITION (4 for both CoverEntityFeature and ValveEntityFeature). */
const SET_POSITION = 4;

function reportsPosition(state: SimState): boolean {
  const features = numberAttr(state, 'supported_features') ?? 0;
  return 'current_position' in state.attributes || (features & SET_POSITION) !== 0;
}

function moveTo(state: SimState, position: number | undefined, rt: ServiceRuntime, open: boolean): void {
  const patch = position !== undefined && reportsPosition(state) ? { current_position: position } : {};
  update(rt, state, open ? 'open' : 'closed', patch);
}

function setPosition(state: SimState, data: Record<string, unknown>, rt: ServiceRuntime): void {
  const position = data.position as number;
  update(rt, state, position > 0 ? 'open' : 'closed', { current_position: position });
}

function isOpen(state: SimState): boolean {
  return state.state === 'open' || state.state === 'opening';
}

const POSITION = field.int('Position', 'Target position.', 0, 100, {
  required: true,
  selector: { number: { min: 0, max: 100, unit_of_measurement: '%' } },
});

/** cover.* — open/closed states and `current_position` like HA's cover entity. */
export const coverServices: DomainSpec = {
  open_cover: { name: 'Open', description: 'Opens a cover.', fields: {}, response: 'none', perEntity: (s, _d, rt) => moveTo(s, 100, rt, true) },
  close_cover: { name: 'Close', description: 'Closes a cover.', fields: {}, response: 'none', perEntity: (s, _d, rt) => moveTo(s, 0, rt, false) },
  stop_cover: { name: 'Stop', description: 'Stops the cover movement.', fields: {}, response: 'none', perEntity: () => undefined },
  toggle: {
    name: 'Toggle',
    description: 'Toggles a cover open/closed.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => (isOpen(s) ? moveTo(s, 0, rt, false) : moveTo(s, 100, rt, true)),
  },
  set_cover_position: {
    name: 'Set position',
    description: 'Moves a cover to a specific position.',
    fields: { position: POSITION },
    response: 'none',
    perEntity: setPosition,
  },
  open_cover_tilt: {
    name: 'Open tilt',
    description: 'Tilts a cover open.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => update(rt, s, s.state, { current_tilt_position: 100 }),
  },
  close_cover_tilt: {
    name: 'Close tilt',
    description: 'Tilts a cover to close.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => update(rt, s, s.state, { current_tilt_position: 0 }),
  },
};

/** valve.* — open/closed states and `current_position`. */
export const valveServices: DomainSpec = {
  open_valve: { name: 'Open', description: 'Opens a valve.', fields: {}, response: 'none', perEntity: (s, _d, rt) => moveTo(s, 100, rt, true) },
  close_valve: { name: 'Close', description: 'Closes a valve.', fields: {}, response: 'none', perEntity: (s, _d, rt) => moveTo(s, 0, rt, false) },
  stop_valve: { name: 'Stop', description: 'Stops the valve movement.', fields: {}, response: 'none', perEntity: () => undefined },
  toggle: {
    name: 'Toggle',
    description: 'Toggles a valve open/closed.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => (isOpen(s) ? moveTo(s, 0, rt, false) : moveTo(s, 100, rt, true)),
  },
  set_valve_position: {
    name: 'Set position',
    description: 'Moves a valve to a specific position.',
    fields: { position: POSITION },
    response: 'none',
    perEntity: setPosition,
  },
};
