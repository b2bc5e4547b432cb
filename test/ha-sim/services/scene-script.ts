import type { SimState } from '../home.js';
import { toHaIso } from '../ids.js';
import { update } from './common.js';
import type { DomainSpec, ServiceRuntime, ServiceSpec } from './types.js';

/** A script runs: `on` with last_triggered now, then `off` once it has finished. */
function runScript(state: SimState, rt: ServiceRuntime): void {
  update(rt, state, 'on', { last_triggered: toHaIso(rt.now()) });
  rt.later(() => {
    const now = rt.getState(state.entity_id);
    if (now?.state === 'on') rt.setState(state.entity_id, 'off', now.attributes);
  });
}

/** scene.turn_on — a scene's state is the time it was last activated. */
export const sceneServices: DomainSpec = {
  turn_on: {
    name: 'Activate',
    description: 'Activates a scene.',
    fields: { transition: { kind: 'float', name: 'Transition', description: 'Time it takes the devices to transition into the states defined in the scene.', min: 0, max: 300 } },
    response: 'none',
    perEntity: (s, _d, rt) => rt.setState(s.entity_id, toHaIso(rt.now()), s.attributes),
  },
};

/** script.turn_on/turn_off/toggle plus one `script.<object_id>` service per script entity. */
export function scriptServices(scriptIds: readonly string[]): DomainSpec {
  const services: DomainSpec = {
    turn_on: {
      name: 'Turn on',
      description: 'Runs the sequence of actions defined in a script.',
      fields: { variables: { kind: 'any', name: 'Variables', description: 'Variables to pass to the script.', selector: { object: {} } } },
      response: 'none',
      perEntity: (s, _d, rt) => runScript(s, rt),
    },
    turn_off: {
      name: 'Turn off',
      description: 'Stops a running script.',
      fields: {},
      response: 'none',
      perEntity: (s, _d, rt) => update(rt, s, 'off'),
    },
    toggle: {
      name: 'Toggle',
      description: 'Starts a script if it isn\'t running, stops it otherwise.',
      fields: {},
      response: 'none',
      perEntity: (s, _d, rt) => (s.state === 'on' ? update(rt, s, 'off') : runScript(s, rt)),
    },
  };
  for (const entityId of scriptIds) {
    const objectId = entityId.slice('script.'.length);
    const spec: ServiceSpec = {
      name: objectId.replace(/_/g, ' '),
      description: `Runs the script ${entityId}.`,
      fields: {},
      allowExtra: true,
      response: 'optional',
      run: (_call, rt) => {
        const state = rt.getState(entityId);
        if (state) runScript(state, rt);
        return {};
      },
    };
    services[objectId] = spec;
  }
  return services;
}
