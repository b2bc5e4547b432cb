/**
 * Deterministic synthetic homes of any size (benchmarks: 50/500/5000 entities): floors, areas
 * with aliases, devices with realistic entity sets, a few home-wide helpers and phones.
 */
import type { SimArea, SimDevice, SimHome } from '../home.js';
import { TEMPLATES, type DeviceTemplate, type Random } from './generated-templates.js';
import { area, buildHome, device, floor, hourlyHistory, slugify, type EntitySeed } from './home-builder.js';

const ROOMS: Array<[string, string[]]> = [
  ['Living Room', ['Lounge']], ['Kitchen', []], ['Dining Room', []], ['Master Bedroom', ['Main Bedroom']], ['Bathroom', []],
  ['Office', ['Study']], ['Hallway', ['Corridor']], ['Kids Room', []], ['Guest Room', []], ['Garage', []], ['Laundry Room', ['Utility Room']],
  ['Entrance', ['Front Door']], ['Garden', ['Backyard']], ['Patio', []], ['Playroom', []], ['Gym', []], ['Workshop', []], ['Attic', []],
  ['Pantry', []], ['Home Theater', ['Cinema']],
];
const FLOORS: Array<[string, string, number, string[]]> = [
  ['ground_floor', 'Ground Floor', 0, ['Downstairs']],
  ['first_floor', 'First Floor', 1, ['Upstairs']],
  ['basement', 'Basement', -1, []],
  ['second_floor', 'Second Floor', 2, []],
];

/** mulberry32: small, fast, deterministic. */
function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickTemplate(rng: Random): DeviceTemplate {
  const total = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);
  let roll = rng() * total;
  for (const t of TEMPLATES) {
    roll -= t.weight;
    if (roll < 0) return t;
  }
  return TEMPLATES[0] as DeviceTemplate;
}

function hexId(rng: Random): string {
  return Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
}

/** Home-wide entities (no area), added first when the home is big enough. */
function helpers(): EntitySeed[] {
  const seed = (entity_id: string, name: string, state: string, attributes: Record<string, unknown> = {}): EntitySeed => ({ entity_id, name, state, attributes });
  return [
    seed('weather.home', 'Home', 'partlycloudy', { temperature: 14, temperature_unit: '°C', humidity: 71, wind_speed: 12, wind_speed_unit: 'km/h', supported_features: 3 }),
    seed('todo.shopping_list', 'Shopping List', '3', { supported_features: 15 }),
    seed('calendar.family', 'Family', 'off', { supported_features: 7 }),
    seed('scene.movie_night', 'Movie Night', 'unknown'),
    seed('script.good_night', 'Good Night', 'off', { mode: 'single' }),
    seed('person.alice', 'Alice', 'home', { user_id: 'user-admin' }),
    seed('device_tracker.alice_phone', 'Alice Phone', 'home', { source_type: 'gps', battery_level: 81 }),
    seed('person.bob', 'Bob', 'not_home', { user_id: 'user-bob' }),
    seed('device_tracker.bob_phone', 'Bob Phone', 'not_home', { source_type: 'gps', battery_level: 44 }),
    seed('input_boolean.guest_mode', 'Guest Mode', 'off'),
    seed('alarm_control_panel.home_alarm', 'Home Alarm', 'disarmed', { code_format: 'number', supported_features: 15 }),
    seed('sun.sun', 'Sun', 'above_horizon', { elevation: 23.1 }),
  ];
}

function makeAreas(count: number, floorIds: string[]): SimArea[] {
  return Array.from({ length: count }, (_, i) => {
    const [base, aliases] = ROOMS[i % ROOMS.length] as [string, string[]];
    const round = Math.floor(i / ROOMS.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    return area(slugify(name), name, floorIds[i % floorIds.length] ?? null, round === 0 ? aliases : []);
  });
}

/** A synthetic home of exactly `entityCount` entities; the same seed gives the same home. */
export function generateHome(entityCount: number, seed = 1): SimHome {
  const rng = createRandom(seed);
  const floorCount = entityCount <= 60 ? 2 : entityCount <= 600 ? 3 : 4;
  const floors = FLOORS.slice(0, floorCount).map(([id, name, level, aliases]) => ({ ...floor(id, name, level), aliases }));
  const areas = makeAreas(Math.max(3, Math.min(400, Math.round(entityCount / 12))), floors.map((f) => f.floor_id));
  const entities: EntitySeed[] = entityCount >= 30 ? helpers().slice(0, entityCount) : [];
  const devices: SimDevice[] = [];
  const used = new Set(entities.map((e) => e.entity_id));
  let areaIndex = 0;

  while (entities.length < entityCount) {
    const room = areas[areaIndex++ % areas.length] as SimArea;
    const template = pickTemplate(rng);
    const deviceName = `${room.name} ${template.name}`;
    const deviceId = hexId(rng);
    const made = template.entities(rng).slice(0, entityCount - entities.length);
    devices.push(device(deviceId, deviceName, room.area_id, { manufacturer: template.manufacturer, model: template.model, sw_version: `${1 + Math.floor(rng() * 3)}.${Math.floor(rng() * 20)}.0` }));
    for (const e of made) {
      const base = `${e.domain}.${slugify(deviceName)}${e.key ? `_${e.key}` : ''}`;
      let entityId = base;
      for (let n = 2; used.has(entityId); n++) entityId = `${base}_${n}`;
      used.add(entityId);
      entities.push({
        entity_id: entityId,
        name: e.key ? `${deviceName} ${e.name}` : deviceName,
        state: e.state,
        attributes: e.attributes,
        device_id: deviceId,
        ...(e.diagnostic ? { entity_category: 'diagnostic' as const } : {}),
        ...(e.domain === 'light' && devices.length % 7 === 0 ? { aliases: [`${room.name} main light`] } : {}),
        ...(e.key === 'power' && devices.length % 3 === 0 ? { hidden_by: 'user' as const } : {}),
        changedMinutesAgo: 1 + Math.floor(rng() * 600),
      });
    }
  }

  const exposed: Record<string, boolean> = {};
  const firstLock = entities.find((e) => e.entity_id.startsWith('lock.'));
  if (firstLock) exposed[firstLock.entity_id] = false;
  for (const id of ['todo.shopping_list', 'weather.home', 'calendar.family']) if (used.has(id)) exposed[id] = true;

  const temperatures = entities.filter((e) => e.entity_id.endsWith('_temperature')).slice(0, 3);
  const history = Object.fromEntries(
    temperatures.map((e) => [e.entity_id, hourlyHistory(24, 700, e.attributes ?? {}, (h) => String(Math.round((19 + 2 * Math.sin(h / 4)) * 10) / 10))]),
  );

  return buildHome({
    name: `Generated Home ${entityCount}`,
    floors,
    areas,
    devices,
    entities,
    exposed,
    phones: used.has('device_tracker.alice_phone') ? ['alice_phone', 'bob_phone'].filter((p) => used.has(`device_tracker.${p}`)) : [],
    history,
    platform: 'generated',
  });
}
