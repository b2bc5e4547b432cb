/**
 * The home of Home Assistant's intents tests (home-assistant/intents `tests/en/_fixtures.yaml`,
 * CC BY 4.0): 5 floors, 8 areas, 107 entities with states and attributes as given.
 *
 * Deterministic additions so exposure and categories matter (documented for test authors):
 * - every entity is explicitly exposed to Assist, as the intents test harness does, except
 *   INTENTS_UNEXPOSED (explicitly not exposed) and INTENTS_DIAGNOSTIC (no decision). This home
 *   exposes locks on purpose (HA's default does not): the approval, voice, Telegram and task
 *   tests unlock its doors;
 * - INTENTS_DIAGNOSTIC gets `entity_category: diagnostic`;
 * - a phone `notify.mobile_app_my_phone`, and 24 h of hourly history for two sensors.
 */
import type { SimHome } from '../home.js';
import { readSharedYaml } from './data-path.js';
import { area, buildHome, exposeAllExcept, floor, hourlyHistory, type EntitySeed } from './home-builder.js';

/** Explicitly not exposed to Assist in the intents home. */
export const INTENTS_UNEXPOSED = ['binary_sensor.cookie_stash_tamper'] as const;
/** Has entity_category diagnostic (and no exposure decision) in the intents home. */
export const INTENTS_DIAGNOSTIC = 'sensor.log_file_size';

interface FixtureEntity {
  name: string;
  id: string;
  area?: string;
  state?: string | { in?: string; out?: string };
  attributes?: Record<string, unknown>;
}

interface Fixtures {
  floors: Array<{ name: string; id: string }>;
  areas: Array<{ name: string; id: string; floor?: string }>;
  entities: FixtureEntity[];
}

/** HA's state for an entity without one in the fixture. */
function defaultState(entityId: string): string {
  if (entityId.startsWith('script.')) return 'off';
  return 'unknown';
}

function stateOf(e: FixtureEntity): string {
  if (typeof e.state === 'string') return e.state;
  // `in` is how a sentence names the state; `out` is HA's state value.
  if (e.state && typeof e.state === 'object') return e.state.out ?? e.state.in ?? 'unknown';
  return defaultState(e.id);
}

export function loadIntentsHome(): SimHome {
  const fixtures = readSharedYaml('intents', 'tests', 'en', '_fixtures.yaml') as Fixtures;
  const entities: EntitySeed[] = fixtures.entities.map((e) => ({
    entity_id: e.id,
    name: e.name,
    state: stateOf(e),
    attributes: e.attributes ?? {},
    area_id: e.area ?? null,
    ...(e.id === INTENTS_DIAGNOSTIC ? { entity_category: 'diagnostic' as const } : {}),
  }));
  return buildHome({
    name: 'Intents Test Home',
    units: 'imperial',
    config: { time_zone: 'America/New_York', country: 'US', currency: 'USD', latitude: 40.7128, longitude: -74.006 },
    floors: fixtures.floors.map((f) => floor(f.id, f.name)),
    areas: fixtures.areas.map((a) => area(a.id, a.name, a.floor ?? null)),
    entities,
    // Exposes locks on purpose: tests unlock lock.front_door (HA's default would leave it unexposed).
    exposed: exposeAllExcept(entities, INTENTS_UNEXPOSED),
    phones: ['my_phone'],
    platform: 'intents_fixture',
    history: {
      'sensor.outside_temperature': hourlyHistory(24, 300, { unit_of_measurement: '°F', friendly_name: 'Outside Temperature' }, (h) =>
        String(42 + Math.round(6 * Math.sin(((24 - h) / 24) * 2 * Math.PI))),
      ),
      'sensor.living_room_humidity': hourlyHistory(24, 300, { device_class: 'humidity', unit_of_measurement: '%', friendly_name: 'Living room humidity' }, (h) =>
        String(45 + (h % 5)),
      ),
    },
  });
}
