import type { HomeLookup } from '../../../src/tools/home/home-facts.js';

/** One entity of the test home. */
interface Seed {
  id: string;
  /** friendly_name */
  name?: string;
  deviceClass?: string;
  area?: string;
  device?: string;
  hidden?: boolean;
}

const SEEDS: Seed[] = [
  { id: 'light.kitchen', area: 'kitchen' },
  { id: 'light.porch', area: 'outside' },
  { id: 'switch.coffee_maker', area: 'kitchen' },
  { id: 'media_player.living_room', area: 'living_room' },
  { id: 'fan.bedroom' },
  { id: 'vacuum.downstairs' },
  { id: 'scene.movie_night' },
  { id: 'climate.hallway' },
  { id: 'cover.living_room_blinds', deviceClass: 'blind', area: 'living_room' },
  { id: 'cover.kitchen_window', area: 'kitchen' },
  { id: 'cover.garage_door', deviceClass: 'garage', area: 'garage', device: 'dev-garage' },
  { id: 'cover.driveway_gate', deviceClass: 'gate', area: 'outside' },
  { id: 'cover.front_door', deviceClass: 'door' },
  { id: 'cover.side_gate', name: 'Side Gate' },
  { id: 'cover.office_blinds', deviceClass: 'blind', name: 'Office Blinds' },
  { id: 'cover.living_room_shutter', deviceClass: 'shutter', name: 'Living Room Shutter' },
  { id: 'cover.patio', deviceClass: 'awning', name: 'Outdoor awning' },
  { id: 'cover.attic_vent', deviceClass: 'damper', name: 'Attic vent' },
  { id: 'cover.entree', deviceClass: 'shutter', name: 'Portail entrée' },
  { id: 'cover.porte_cellier', deviceClass: 'shutter', name: 'Cellier' },
  { id: 'cover.shelly_2', deviceClass: 'shutter', name: 'Garagentor' },
  { id: 'cover.back_doors', deviceClass: 'curtain', name: 'Back doors' },
  { id: 'light.garage', area: 'garage', device: 'dev-garage' },
  { id: 'lock.front_door' },
  { id: 'lock.back_door' },
  { id: 'alarm_control_panel.home' },
  { id: 'valve.garden_water' },
  { id: 'siren.hallway' },
  { id: 'weather.home' },
  { id: 'todo.shopping_list' },
  { id: 'calendar.family' },
  { id: 'input_boolean.vacation_mode' },
  { id: 'lock.safe', hidden: true },
  { id: 'light.secret_lab', hidden: true, area: 'kitchen' },
];

/** What the home tools' declarations read from the entity index: targets, attributes and friendly names. */
export type SmallHome = HomeLookup & { get(entityId: string): { name: string } | undefined };

/** A tiny home implementing what the home tools' declarations need from the entity index. */
export function smallHome(): SmallHome {
  const byId = new Map(SEEDS.map((s) => [s.id, s]));
  const visible = SEEDS.filter((s) => !s.hidden);
  return {
    isAccessible: (id) => {
      const seed = byId.get(id);
      return seed !== undefined && !seed.hidden;
    },
    resolveAreas: (text) => (SEEDS.some((s) => s.area === text) ? [text] : []),
    entitiesInArea: (area, domain) =>
      visible.filter((s) => s.area === area && (!domain || s.id.startsWith(`${domain}.`))).map((s) => s.id).sort(),
    entitiesOfDevice: (device) => visible.filter((s) => s.device === device).map((s) => s.id).sort(),
    hasDevice: (device) => SEEDS.some((s) => s.device === device),
    hasDomain: (domain) => SEEDS.some((s) => s.id.startsWith(`${domain}.`)),
    get: (id) => {
      const seed = byId.get(id);
      return seed?.name !== undefined && !seed.hidden ? { name: seed.name } : undefined;
    },
    getState: (id) => {
      const seed = byId.get(id);
      if (!seed || seed.hidden) return undefined;
      return { attributes: { ...(seed.deviceClass && { device_class: seed.deviceClass }), ...(seed.name && { friendly_name: seed.name }) } };
    },
  };
}
