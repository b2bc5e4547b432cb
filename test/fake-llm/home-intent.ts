/**
 * A tiny keyword parser for home commands (English, with a few French verbs), used by the
 * scripted responder. Deterministic and deliberately simple: it plays a plausible model, it is
 * not a language understanding system.
 */

/** What the user wants done. */
export type HomeAction =
  | 'turn_on'
  | 'turn_off'
  | 'toggle'
  | 'open'
  | 'close'
  | 'lock'
  | 'unlock'
  | 'start'
  | 'stop'
  | 'pause'
  | 'dock'
  | 'play'
  | 'set_level';

/** A parsed command or question. */
export interface HomeIntent {
  /** Undefined for a question about state. */
  action?: HomeAction;
  /** Salient words for ha_find_entities; empty when only a domain was named. */
  query: string;
  domain?: string;
  /** "all the lights": act on every matching entity. */
  all: boolean;
  /** A percentage for set_level. */
  level?: number;
}

const ACTION_WORDS: Array<[RegExp, HomeAction]> = [
  [/\b(unlock|déverrouille|deverrouille)\b/, 'unlock'],
  [/\b(lock|verrouille)\b/, 'lock'],
  [/\b(toggle)\b/, 'toggle'],
  [/\b(activate|allume)\b/, 'turn_on'],
  [/\b(deactivate|éteins|eteins)\b/, 'turn_off'],
  [/\b(dim|brighten|set)\b.*\d+\s*(%|percent)/, 'set_level'],
  [/\b(open|raise|ouvre)\b/, 'open'],
  [/\b(close|shut|lower|ferme)\b/, 'close'],
  [/\b(dock|return)\b/, 'dock'],
  [/\b(pause)\b/, 'pause'],
  [/\b(stop)\b/, 'stop'],
  [/\b(start|clean)\b|^vacuum\b/, 'start'],
  [/\b(play|resume)\b/, 'play'],
];

/** Nouns that name a domain; `strip` removes generic ones from the search words. */
const DOMAIN_NOUNS: Record<string, { domain: string; strip: boolean }> = {
  light: { domain: 'light', strip: true },
  lights: { domain: 'light', strip: true },
  lamp: { domain: 'light', strip: true },
  lamps: { domain: 'light', strip: true },
  lumière: { domain: 'light', strip: true },
  fan: { domain: 'fan', strip: true },
  fans: { domain: 'fan', strip: true },
  blind: { domain: 'cover', strip: true },
  blinds: { domain: 'cover', strip: true },
  shade: { domain: 'cover', strip: true },
  shades: { domain: 'cover', strip: true },
  shutter: { domain: 'cover', strip: true },
  shutters: { domain: 'cover', strip: true },
  curtain: { domain: 'cover', strip: true },
  curtains: { domain: 'cover', strip: true },
  garage: { domain: 'cover', strip: false },
  vacuum: { domain: 'vacuum', strip: true },
  valve: { domain: 'valve', strip: true },
  sprinkler: { domain: 'valve', strip: false },
  sprinklers: { domain: 'valve', strip: false },
  thermostat: { domain: 'climate', strip: true },
  tv: { domain: 'media_player', strip: false },
  scene: { domain: 'scene', strip: true },
};

const ACTION_DOMAIN: Partial<Record<HomeAction, string>> = { lock: 'lock', unlock: 'lock', dock: 'vacuum' };

const STOP_WORDS = new Set(
  (
    'a an the please can could would will you your my our in on off of to at for and all every it this that these those me i ' +
    'hey majordome now up down is are was what whats how which does do turn switch put power set dim brighten activate ' +
    'deactivate toggle open close shut raise lower lock unlock start stop pause resume play dock return clean percent ' +
    'le la les du des de allume éteins eteins ouvre ferme verrouille déverrouille deverrouille stp svp tell state status ' +
    'send its their go get locked unlocked opened closed running playing idle docked ' +
    'hello hi thanks thank good morning evening night bonjour bonsoir merci salut'
  ).split(' '),
);

const QUESTION = /^(is|are|was|what|what's|whats|how|which|does|do|est-ce|quel|quelle)\b|\?\s*$/;

function detectAction(text: string): HomeAction | undefined {
  if (QUESTION.test(text)) return undefined;
  // "turn off the lights on the porch": the first on/off after the verb decides.
  const onOff = /\b(?:turn|switch|put|power)\b.*?\b(on|off)\b/.exec(text)?.[1];
  if (onOff && !/\d+\s*(%|percent)/.test(text)) return onOff === 'on' ? 'turn_on' : 'turn_off';
  return ACTION_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Parses one utterance; returns undefined when it names nothing to act on or look at. */
export function parseHomeIntent(utterance: string): HomeIntent | undefined {
  const text = utterance.toLowerCase().trim();
  const action = detectAction(text);
  const words = text.replace(/[^\p{L}\p{N}_\s'-]/gu, ' ').split(/\s+/).filter(Boolean);
  // A generic noun ("light") names the domain more surely than a name-like one ("garage light").
  let generic: string | undefined;
  let nameLike: string | undefined;
  const salient: string[] = [];
  for (const word of words) {
    const noun = DOMAIN_NOUNS[word];
    if (noun?.strip) generic ??= noun.domain;
    else if (noun) nameLike ??= noun.domain;
    if (noun?.strip || STOP_WORDS.has(word) || /^\d+$/.test(word) || word.length < 2) continue;
    salient.push(word);
  }
  // "send the vacuum back to its dock": "back" is part of the verb there, a door name elsewhere.
  if (action === 'dock') salient.splice(0, salient.length, ...salient.filter((w) => w !== 'back'));
  const domain = (action ? ACTION_DOMAIN[action] : undefined) ?? generic ?? nameLike;
  if (!domain && salient.length === 0) return undefined;
  const level = /(\d+)\s*(%|percent)/.exec(text)?.[1];
  return {
    ...(action ? { action } : {}),
    query: salient.join(' '),
    ...(domain ? { domain } : {}),
    all: /\b(all|every|toutes|tous)\b/.test(text),
    ...(level !== undefined ? { level: Number(level) } : {}),
  };
}

const TOGGLABLE = ['light', 'switch', 'fan', 'input_boolean', 'media_player', 'climate', 'automation', 'siren', 'humidifier', 'remote'];

/** The HA service for an action on a domain, or undefined when the domain cannot do it. */
export function serviceFor(domain: string, action: HomeAction): string | undefined {
  if (TOGGLABLE.includes(domain) && (action === 'turn_on' || action === 'turn_off' || action === 'toggle')) return action;
  if ((domain === 'scene' || domain === 'script') && action === 'turn_on') return 'turn_on';
  if (domain === 'light' && action === 'set_level') return 'turn_on';
  const table: Record<string, Partial<Record<HomeAction, string>>> = {
    cover: { open: 'open_cover', close: 'close_cover', stop: 'stop_cover', toggle: 'toggle', set_level: 'set_cover_position' },
    lock: { lock: 'lock', unlock: 'unlock' },
    valve: { open: 'open_valve', close: 'close_valve', turn_on: 'open_valve', turn_off: 'close_valve', toggle: 'toggle' },
    vacuum: { start: 'start', stop: 'stop', pause: 'pause', dock: 'return_to_base', turn_on: 'start', turn_off: 'return_to_base' },
    media_player: { play: 'media_play', pause: 'media_pause', stop: 'media_stop' },
  };
  return table[domain]?.[action];
}

/** Service data for actions that carry a value. */
export function serviceData(domain: string, intent: HomeIntent): Record<string, unknown> | undefined {
  if (intent.action !== 'set_level' || intent.level === undefined) return undefined;
  return domain === 'cover' ? { position: intent.level } : { brightness_pct: intent.level };
}

const PAST: Record<HomeAction, string> = {
  turn_on: 'turned on',
  turn_off: 'turned off',
  toggle: 'toggled',
  open: 'opened',
  close: 'closed',
  lock: 'locked',
  unlock: 'unlocked',
  start: 'started',
  stop: 'stopped',
  pause: 'paused',
  dock: 'sent back to its dock',
  play: 'resumed',
  set_level: 'set',
};

/** "turned on Kitchen Lights" / "set Bedroom Lamp to 40%". */
export function describeDone(action: HomeAction, names: string, level?: number): string {
  if (action === 'set_level') return `set ${names} to ${level ?? 0}%`;
  if (action === 'dock') return `sent ${names} back to the dock`;
  return `${PAST[action]} ${names}`;
}

const INFINITIVE: Record<HomeAction, string> = {
  turn_on: 'turn on',
  turn_off: 'turn off',
  toggle: 'toggle',
  open: 'open',
  close: 'close',
  lock: 'lock',
  unlock: 'unlock',
  start: 'start',
  stop: 'stop',
  pause: 'pause',
  dock: 'dock',
  play: 'resume',
  set_level: 'set',
};

/** "turn on Kitchen Lights". */
export function describeAttempt(action: HomeAction, names: string): string {
  return `${INFINITIVE[action]} ${names}`;
}
