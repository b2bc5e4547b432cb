import type { SimState } from '../home.js';
import { field, listAttr, numberAttr, update } from './common.js';
import { homeAssistantError, invalidFormat, serviceValidation } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

function options(state: SimState): string[] {
  return listAttr(state, 'options') ?? [];
}

function selectOption(helper: boolean) {
  return (state: SimState, data: Record<string, unknown>, rt: ServiceRuntime) => {
    const option = data.option as string;
    const valid = options(state);
    if (!valid.includes(option)) {
      // input_select raises a plain HomeAssistantError; select entities a ServiceValidationError.
      if (helper) throw homeAssistantError(`Invalid option: ${option} (possible options: ${valid.join(', ')})`);
      throw serviceValidation(`Option ${option} is not valid for entity ${state.entity_id}, valid options are: ${valid.join(', ')}.`);
    }
    update(rt, state, option);
  };
}

function move(kind: 'next' | 'previous' | 'first' | 'last') {
  return (state: SimState, data: Record<string, unknown>, rt: ServiceRuntime) => {
    const list = options(state);
    if (list.length === 0) return;
    const index = list.indexOf(state.state);
    const cycle = data.cycle !== false;
    let next = kind === 'first' ? 0 : kind === 'last' ? list.length - 1 : index + (kind === 'next' ? 1 : -1);
    if (next >= list.length) next = cycle ? 0 : list.length - 1;
    if (next < 0) next = cycle ? list.length - 1 : 0;
    update(rt, state, list[next] ?? state.state);
  };
}

function selectServices(helper: boolean): DomainSpec {
  const cycle = { cycle: field.bool('Cycle', 'If the option should cycle from the last to the first.') };
  return {
    select_option: {
      name: 'Select',
      description: 'Selects an option.',
      fields: { option: field.text('Option', 'Option to be selected.', { required: true }) },
      response: 'none',
      perEntity: selectOption(helper),
    },
    select_next: { name: 'Next', description: 'Selects the next option.', fields: cycle, response: 'none', perEntity: move('next') },
    select_previous: { name: 'Previous', description: 'Selects the previous option.', fields: cycle, response: 'none', perEntity: move('previous') },
    select_first: { name: 'First', description: 'Selects the first option.', fields: {}, response: 'none', perEntity: move('first') },
    select_last: { name: 'Last', description: 'Selects the last option.', fields: {}, response: 'none', perEntity: move('last') },
  };
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

function setValue(state: SimState, value: number, rt: ServiceRuntime, helper: boolean): void {
  const min = numberAttr(state, 'min') ?? 0;
  const max = numberAttr(state, 'max') ?? 100;
  if (value < min || value > max) {
    const [v, lo, hi] = [value, min, max].map(formatNumber);
    // input_number raises vol.Invalid; number entities a ServiceValidationError.
    if (helper) throw invalidFormat(`Invalid value for ${state.entity_id}: ${v} (range ${lo} - ${hi})`);
    throw serviceValidation(`Value ${v} for ${state.entity_id} is outside valid range ${lo} - ${hi}`);
  }
  update(rt, state, formatNumber(value));
}

function numberServices(helper: boolean): DomainSpec {
  const services: DomainSpec = {
    set_value: {
      name: 'Set',
      description: 'Sets the value.',
      fields: { value: field.float('Value', 'The target value.', undefined, undefined, { required: true }) },
      response: 'none',
      perEntity: (s, d, rt) => setValue(s, d.value as number, rt, helper),
    },
  };
  if (helper) {
    const step = (dir: 1 | -1) => (s: SimState, _d: Record<string, unknown>, rt: ServiceRuntime) =>
      setValue(s, (Number(s.state) || 0) + dir * (numberAttr(s, 'step') ?? 1), rt, true);
    services.increment = { name: 'Increment', description: 'Increments the value by 1 step.', fields: {}, response: 'none', perEntity: step(1) };
    services.decrement = { name: 'Decrement', description: 'Decrements the current value by 1 step.', fields: {}, response: 'none', perEntity: step(-1) };
  }
  return services;
}

/** input_select.* and select.* */
export const inputSelectServices = selectServices(true);
export const selectServicesSpec = selectServices(false);
/** input_number.* and number.* */
export const inputNumberServices = numberServices(true);
export const numberServicesSpec = numberServices(false);
