/**
 * The demo's home (scripts/demo.ts): a community member's home from HA's frontend demo, plus what
 * shows Majordome's point, exposed to Assist on purpose: a front door lock and a garage door (each
 * opening asks for a yes) and Alice's phone (`notify.mobile_app_alice_phone`), where the approvals go.
 */
import type { SimHome } from '../home.js';
import { loadFrontendDemoHome, type FrontendDemoName } from './frontend-demo-home.js';
import { area } from './home-builder.js';

/** The phone approvals go to in the demo. */
export const DEMO_PHONE_SERVICE = 'notify.mobile_app_alice_phone';

/** The frontend demo home the demo uses unless told otherwise: it has kitchen lights and a living room thermometer. */
export const DEMO_DEFAULT_HOME: FrontendDemoName = 'sections';

/**
 * French names of the demo's rooms, as a French household sets them as area aliases for Assist:
 * the demo model's French greeting suggests « allume la lumière de la cuisine ».
 */
const FRENCH_AREA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  kitchen: ['Cuisine'],
  living_room: ['Salon'],
  study: ['Bureau'],
  entrance: ['Entrée'],
};

/** A frontend demo home with the demo's lock, garage door and phone. */
export function loadDemoHome(name: FrontendDemoName = DEMO_DEFAULT_HOME): SimHome {
  const home = loadFrontendDemoHome(name, {
    areas: [area('entrance', 'Entrance'), area('garage', 'Garage')],
    entities: [
      {
        entity_id: 'lock.front_door',
        name: 'Front Door',
        state: 'locked',
        attributes: { friendly_name: 'Front Door' },
        area_id: 'entrance',
        aliases: ["Porte d'entrée"],
      },
      {
        entity_id: 'cover.garage_door',
        name: 'Garage Door',
        state: 'closed',
        attributes: { friendly_name: 'Garage Door', device_class: 'garage', supported_features: 3 },
        area_id: 'garage',
        aliases: ['Porte du garage'],
      },
    ],
    phones: ['alice_phone'],
  });
  for (const room of home.areas) room.aliases.push(...(FRENCH_AREA_ALIASES[room.area_id] ?? []));
  return home;
}
