/**
 * A tool card in words: its title says what the call did for people ("Kitchen ceiling → on",
 * "Searched for “kitchen”", "Opened example.org"), not the wire name and JSON, which stay under
 * the card's "Details". Built only from what the chat events carry (the tool's name and input,
 * the result's one-line summary), in the panel's language.
 */
import { truncate } from './format.js';
import type { LocalizeFunc, TranslationKey } from './localize.js';

type Input = Readonly<Record<string, unknown>>;

const MAX_TITLE = 120;

/** `kitchen_ceiling` → "Kitchen ceiling": how HA itself names a thing it has no name for. */
export function humanise(id: string): string {
  const words = id.replace(/_+/g, ' ').trim();
  return words ? `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}` : id;
}

/** An entity id as a person reads it, without its domain (`light.kitchen_ceiling` → "Kitchen ceiling"). */
function entityWords(entityId: string): string {
  return humanise(entityId.includes('.') ? entityId.slice(entityId.indexOf('.') + 1) : entityId);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function text(input: Input, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "A, B and C" in the panel's language. */
function joinWords(words: readonly string[], l: LocalizeFunc): string {
  if (words.length <= 1) return words[0] ?? '';
  return l('tool.title.and', { first: words.slice(0, -1).join(', '), last: words.at(-1) ?? '' });
}

/** The services whose outcome is a state a person names ("→ on"), by the title that says it. */
const SERVICE_TITLES: Readonly<Record<string, TranslationKey>> = {
  turn_on: 'tool.title.turn_on',
  turn_off: 'tool.title.turn_off',
  toggle: 'tool.title.toggle',
  open: 'tool.title.open',
  open_cover: 'tool.title.open',
  open_valve: 'tool.title.open',
  close_cover: 'tool.title.close',
  close_valve: 'tool.title.close',
  lock: 'tool.title.lock',
  unlock: 'tool.title.unlock',
};

function serviceTitle(input: Input, l: LocalizeFunc): string {
  const domain = text(input, 'domain') ?? '';
  const service = text(input, 'service') ?? '';
  const target = (input['target'] && typeof input['target'] === 'object' ? input['target'] : {}) as Input;
  const things = joinWords(
    [
      ...strings(target['entity_id']).map(entityWords),
      ...strings(target['area_id']).map((area) => l('tool.title.area', { area: humanise(area) })),
      ...strings(target['device_id']).map(humanise),
    ],
    l,
  );
  if (domain === 'scene' && service === 'turn_on' && things) return l('tool.title.scene', { things });
  const verb = domain !== 'homeassistant' && Object.hasOwn(SERVICE_TITLES, service) ? SERVICE_TITLES[service] : undefined;
  if (verb && things) return l(verb, { things });
  const named = humanise(service || domain);
  return things ? l('tool.title.service', { service: named, things }) : l('tool.title.service_alone', { service: named });
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

const BROWSER_ACTIONS: Readonly<Record<string, TranslationKey>> = {
  click: 'tool.title.browser_click',
  type: 'tool.title.browser_type',
  select: 'tool.title.browser_select',
  press: 'tool.title.browser_press',
};

/** Titles of the tools that need nothing from their input. */
const PLAIN_TITLES: Readonly<Record<string, TranslationKey>> = {
  ha_list_areas: 'tool.title.list_areas',
  ha_list_automations: 'tool.title.list_automations',
  ha_list_scripts: 'tool.title.list_scripts',
  ha_save_automation: 'tool.title.save_automation',
  ha_save_script: 'tool.title.save_script',
  ha_delete_automation: 'tool.title.delete_automation',
  ha_delete_script: 'tool.title.delete_script',
  ha_restore_automation: 'tool.title.restore_automation',
  ha_restore_script: 'tool.title.restore_script',
  mail_read: 'tool.title.mail_read',
  mail_mark: 'tool.title.mail_mark',
  browser_snapshot: 'tool.title.browser_snapshot',
  browser_screenshot: 'tool.title.browser_screenshot',
  shell_run: 'tool.title.shell_run',
  task_schedule: 'tool.title.task_schedule',
  task_list: 'tool.title.task_list',
  task_cancel: 'tool.title.task_cancel',
  notify_user: 'tool.title.notify_user',
};

/** The title from a tool's own input, when its family words it; undefined for tools the panel does not know. */
function familyTitle(name: string, input: Input, l: LocalizeFunc): string | undefined {
  if (Object.hasOwn(PLAIN_TITLES, name)) return l(PLAIN_TITLES[name] as TranslationKey);
  const query = text(input, 'query');
  switch (name) {
    case 'ha_call_service':
      return serviceTitle(input, l);
    case 'ha_find_entities':
      return query ? l('tool.title.find', { query }) : l('tool.title.find_any');
    case 'ha_get_state':
      return l('tool.title.get_state', { thing: entityWords(text(input, 'entity_id') ?? '') });
    case 'ha_get_history':
      return l('tool.title.get_history', { thing: entityWords(text(input, 'entity_id') ?? '') });
    case 'ha_get_automation':
      return l('tool.title.get_automation', { id: text(input, 'id') ?? '' });
    case 'ha_get_script':
      return l('tool.title.get_script', { id: text(input, 'id') ?? '' });
    case 'mail_search': {
      const from = text(input, 'from');
      if (query) return l('tool.title.mail_search', { query });
      return from ? l('tool.title.mail_search_from', { from }) : l('tool.title.mail_search_any');
    }
    case 'mail_send':
      return l('tool.title.mail_send', { to: strings(input['to']).join(', ') });
    case 'mail_move':
      return l('tool.title.mail_move', { folder: text(input, 'folder') ?? '' });
    case 'browser_open':
      return l('tool.title.browser_open', { host: hostOf(text(input, 'url') ?? '') });
    case 'browser_act': {
      const action = text(input, 'action') ?? '';
      return Object.hasOwn(BROWSER_ACTIONS, action) ? l(BROWSER_ACTIONS[action] as TranslationKey) : undefined;
    }
    case 'memory_save':
      return l('tool.title.memory_save', { fact: text(input, 'fact') ?? '' });
    case 'memory_search':
      return query ? l('tool.title.memory_search', { query }) : undefined;
    default:
      return undefined;
  }
}

/** The card's title: what the call did, in the panel's language; a humanised tool name for a tool the panel does not know. */
export function toolTitle(name: string, input: unknown, l: LocalizeFunc): string {
  const fields = input && typeof input === 'object' && !Array.isArray(input) ? (input as Input) : {};
  const title = familyTitle(name, fields, l) ?? humanise(name);
  // A title that starts with a phrase ("everything in …") still starts like a sentence.
  return truncate(`${title.charAt(0).toUpperCase()}${title.slice(1)}`, MAX_TITLE);
}

// An ISO timestamp, the state HA gives a scene (the time it was last activated).
const ISO_TIME = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const SCENE_CHANGE = new RegExp(String.raw`: (?:(?:${ISO_TIME}|unknown|unavailable) → )?${ISO_TIME}`, 'g');

/**
 * A result's line as people read it: a scene's "Movie night: 2026-…T… → 2026-…T…" becomes
 * "Movie night: Scene activated"; every other summary is the server's own words.
 */
export function resultWords(name: string, input: unknown, summary: string, l: LocalizeFunc): string {
  const domain = input && typeof input === 'object' ? (input as Input)['domain'] : undefined;
  if (name === 'ha_call_service' && domain === 'scene') return summary.replace(SCENE_CHANGE, `: ${l('tool.scene_activated')}`);
  return summary;
}

/** A picture's alt text in the panel's language, from the caption the server wrote ("Screenshot of example.com"). */
export function pictureAlt(caption: string, l: LocalizeFunc): string {
  const place = /^Screenshot of (.+)$/.exec(caption.trim())?.[1];
  if (place === undefined) return caption;
  return place === 'the page' ? l('tool.screenshot_of_page') : l('tool.screenshot_of', { place });
}
