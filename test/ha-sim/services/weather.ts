import type { SimState } from '../home.js';
import { toHaIso } from '../ids.js';
import { field, numberAttr } from './common.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

const CONDITIONS = ['sunny', 'partlycloudy', 'cloudy', 'rainy', 'partlycloudy', 'sunny', 'windy'];
const HOUR = 3_600_000;

interface Forecast {
  datetime: string;
  condition: string;
  temperature: number;
  templow?: number;
  precipitation: number;
  precipitation_probability: number;
  humidity: number;
  wind_speed: number;
  is_daytime?: boolean;
}

/** A plausible, deterministic forecast built around the entity's current reading. */
function forecastFor(state: SimState, type: string, now: Date): Forecast[] {
  const base = numberAttr(state, 'temperature') ?? 20;
  const start = CONDITIONS.indexOf(state.state);
  const condition = (i: number) => CONDITIONS[(Math.max(start, 0) + i) % CONDITIONS.length] ?? 'sunny';
  const rain = (c: string) => (c === 'rainy' ? 4.2 : 0);
  const humidity = numberAttr(state, 'humidity') ?? 60;
  const wind = numberAttr(state, 'wind_speed') ?? 10;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (type === 'hourly') {
    const hour = Math.floor(now.getTime() / HOUR) * HOUR;
    return Array.from({ length: 24 }, (_, i) => {
      const c = condition(Math.floor(i / 6));
      const swing = Math.round(Math.sin(((new Date(hour + i * HOUR).getUTCHours() - 9) / 24) * 2 * Math.PI) * 4);
      return {
        datetime: toHaIso(hour + i * HOUR),
        condition: c,
        temperature: base + swing,
        precipitation: rain(c) / 4,
        precipitation_probability: c === 'rainy' ? 80 : 10,
        humidity,
        wind_speed: wind,
      };
    });
  }
  const twice = type === 'twice_daily';
  return Array.from({ length: twice ? 10 : 5 }, (_, i) => {
    const day = twice ? Math.floor(i / 2) : i;
    const c = condition(day);
    const entry: Forecast = {
      datetime: toHaIso(midnight + day * 24 * HOUR + (twice && i % 2 === 1 ? 18 * HOUR : 6 * HOUR)),
      condition: c,
      temperature: base + ((day * 3) % 5) - 2 - (twice && i % 2 === 1 ? 6 : 0),
      templow: base - 6 + (day % 3),
      precipitation: rain(c),
      precipitation_probability: c === 'rainy' ? 80 : 10,
      humidity,
      wind_speed: wind + day,
    };
    if (twice) entry.is_daytime = i % 2 === 0;
    return entry;
  });
}

/** weather.get_forecasts — response-only, one forecast per targeted entity. */
export const weatherServices: DomainSpec = {
  get_forecasts: {
    name: 'Get forecasts',
    description: 'Gets weather forecasts.',
    fields: { type: field.choice('Forecast type', 'Forecast type: daily, hourly or twice daily.', ['daily', 'hourly', 'twice_daily'], { required: true }) },
    response: 'only',
    perEntity: (s: SimState, d: Record<string, unknown>, rt: ServiceRuntime) => ({ forecast: forecastFor(s, d.type as string, rt.now()) }),
  },
};
