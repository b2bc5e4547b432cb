import type { SimState } from '../home.js';
import { field } from './common.js';
import { invalidFormat } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

/** A calendar event as `calendar.get_events` returns it. */
export interface CalendarEvent {
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
}

const HOUR = 3_600_000;
/** Seed events: [day offset, start hour, hours, summary, location]. */
const SEEDS: Array<[number, number, number, string, string?]> = [
  [0, 18, 2, 'Dinner with friends', 'Luigi\'s'],
  [1, 9.5, 1, 'Dentist appointment', 'Main Street Dental'],
  [2, 7, 1, 'Recycling collection'],
  [3, 14, 1, 'Team meeting'],
  [5, 10, 3, 'Football practice', 'City park'],
];

function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', '+00:00');
}

/** The events of one calendar; each calendar starts with a few seeded events around today. */
function eventsOf(state: SimState, rt: ServiceRuntime): CalendarEvent[] {
  const calendars = rt.data('calendar.events', () => new Map<string, CalendarEvent[]>());
  let events = calendars.get(state.entity_id);
  if (!events) {
    const now = rt.now();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const shift = calendars.size;
    events = SEEDS.map(([day, hour, hours, summary, location], i) => {
      const start = midnight + (day + ((i + shift) % 2)) * 24 * HOUR + hour * HOUR;
      const event: CalendarEvent = { start: isoAt(start), end: isoAt(start + hours * HOUR), summary };
      if (location) event.location = location;
      return event;
    });
    calendars.set(state.entity_id, events);
  }
  return events;
}

function parseTime(value: unknown, key: string): number {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw invalidFormat(`Invalid datetime specified: ${String(value)} for dictionary value @ data['${key}']`);
  return t;
}

function durationMs(value: unknown): number {
  if (typeof value === 'string') {
    const [h = 0, m = 0, s = 0] = value.split(':').map(Number);
    return ((h * 60 + m) * 60 + s) * 1000;
  }
  if (value && typeof value === 'object') {
    const d = value as Record<string, number>;
    return ((((d.days ?? 0) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60 + (d.seconds ?? 0)) * 1000;
  }
  throw invalidFormat("expected a time period for dictionary value @ data['duration']");
}

/** calendar.get_events (response-only) and calendar.create_event. */
export const calendarServices: DomainSpec = {
  get_events: {
    name: 'Get events',
    description: 'Get events on a calendar within a time range.',
    fields: {
      start_date_time: field.text('Start time', 'Returns active events after this time (exclusive). When not set, defaults to now.', { selector: { datetime: {} } }),
      end_date_time: field.text('End time', 'Returns active events before this time (exclusive).', { selector: { datetime: {} } }),
      duration: { kind: 'any', name: 'Duration', description: 'Returns active events from start_date_time until the specified duration.', selector: { duration: {} } },
    },
    response: 'only',
    perEntity: (s, d, rt) => {
      if (d.end_date_time === undefined && d.duration === undefined) {
        throw invalidFormat('must contain at least one of end_date_time, duration.');
      }
      const start = d.start_date_time === undefined ? rt.now().getTime() : parseTime(d.start_date_time, 'start_date_time');
      const end = d.duration !== undefined ? start + durationMs(d.duration) : parseTime(d.end_date_time, 'end_date_time');
      const events = eventsOf(s, rt).filter((e) => Date.parse(e.end) > start && Date.parse(e.start) < end);
      return { events: events.map((e) => ({ ...e })) };
    },
  },
  create_event: {
    name: 'Create event',
    description: 'Adds a new calendar event.',
    fields: {
      summary: field.text('Summary', 'Defines the short summary or subject for the event.', { required: true }),
      description: field.text('Description', 'A more complete description of the event than the one provided by the summary.'),
      start_date_time: field.text('Start time', 'The date and time the event should start.', { selector: { datetime: {} } }),
      end_date_time: field.text('End time', 'The date and time the event should end.', { selector: { datetime: {} } }),
      start_date: field.text('Start date', 'The date the all-day event should start.', { selector: { date: {} } }),
      end_date: field.text('End date', 'The date the all-day event should end (exclusive).', { selector: { date: {} } }),
      location: field.text('Location', 'The location of the event.'),
    },
    response: 'none',
    perEntity: (s, d, rt) => {
      const start = (d.start_date_time ?? d.start_date) as string | undefined;
      const end = (d.end_date_time ?? d.end_date) as string | undefined;
      if (!start || !end) throw invalidFormat('Expected both start and end date or date and time');
      const event: CalendarEvent = { start, end, summary: d.summary as string };
      if (typeof d.description === 'string') event.description = d.description;
      if (typeof d.location === 'string') event.location = d.location;
      eventsOf(s, rt).push(event);
    },
  },
};
