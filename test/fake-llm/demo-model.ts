/**
 * The demo's stand-in model: it answers the panel's own example questions (chat.example_1..3, in
 * English and French) right, with the real tools, as it does the parish hall's page (demo-browser.ts)
 * and new mail (demo-mail.ts), and leaves every other message to the scripted home agent
 * (scripts.ts): "unlock the front door", "open the garage door" and their approvals.
 * It names itself "demo model" (the model name the demo configures), so nobody takes it for Claude.
 */
import { respondToParishHall } from './demo-browser.js';
import { respondToMail } from './demo-mail.js';
import { extractEntities, errorOf, GREETING, respondAsHomeAgent, type FoundEntity } from './scripts.js';
import { lastUserText, turnToolCalls, type TurnToolCall } from './request-view.js';
import type { FakeReply, FakeRequestBody, RecordedRequest } from './types.js';

/** The model name the demo configures: the status page shows it, and no price exists for it. */
export const DEMO_MODEL_NAME = 'demo model';

type Lang = 'en' | 'fr';

/** One example question the demo model knows: how it reads it, what it looks up, how it answers. */
interface DemoQuestion {
  pattern: RegExp;
  find: Record<string, unknown>;
  /** A call to make on what was found, if the question asks for one. */
  act?(found: FoundEntity[]): Record<string, unknown> | undefined;
  answer(found: FoundEntity[], lang: Lang, call?: TurnToolCall): string;
}

const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });
const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });

function listOf(names: string[], lang: Lang): string {
  const and = lang === 'fr' ? 'et' : 'and';
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1) ?? ''}`;
}

const QUESTIONS: DemoQuestion[] = [
  {
    pattern: /which lights are on|quelles lumi[eè]res sont allum[ée]es/,
    find: { domain: 'light', limit: 50 },
    answer(found, lang) {
      const on = found.filter((e) => e.state === 'on').map((e) => e.name);
      if (on.length === 0) return lang === 'fr' ? "Aucune lumière n'est allumée." : 'No light is on.';
      return lang === 'fr' ? `Lumières allumées : ${listOf(on, lang)}.` : `These lights are on: ${listOf(on, lang)}.`;
    },
  },
  {
    pattern: /turn off the kitchen lights|[ée]teins les lumi[eè]res de la cuisine/,
    find: { domain: 'light', area: 'kitchen', limit: 50 },
    act: (found) =>
      found.length ? { domain: 'light', service: 'turn_off', target: { entity_id: found.map((e) => e.entity_id) } } : undefined,
    answer(found, lang, call) {
      const names = listOf(found.map((e) => e.name), lang);
      if (found.length === 0) return lang === 'fr' ? "Je ne trouve aucune lumière dans la cuisine." : 'I found no light in the kitchen.';
      if (call?.result?.isError) return lang === 'fr' ? `Je n'ai pas pu éteindre ${names} : ${errorOf(call.result.text)}` : `I couldn't turn off ${names}: ${errorOf(call.result.text)}`;
      return lang === 'fr' ? `C'est fait : j'ai éteint ${names}.` : `Done: I turned off ${names}.`;
    },
  },
  {
    pattern: /temperature in the living room|temp[ée]rature .*salon/,
    find: { query: 'temperature', domain: 'sensor', area: 'living room', limit: 5 },
    answer(found, lang) {
      const sensor = found.find((e) => /temp/i.test(`${e.entity_id} ${e.name}`) && e.state !== undefined) ?? found[0];
      if (!sensor?.state) return lang === 'fr' ? 'Je ne trouve pas de thermomètre dans le salon.' : 'I found no temperature sensor in the living room.';
      const value = `${sensor.state}${sensor.unit ? ` ${sensor.unit}` : ''}`;
      return lang === 'fr' ? `Il fait ${value} dans le salon (${sensor.name}).` : `It is ${value} in the living room (${sensor.name}).`;
    },
  },
];

function languageOf(text: string): Lang {
  return /[àâçéèêëîïôûù]|\b(quel|quelle|quelles|les|la|le|de|du|bonjour|bonsoir|salut|merci)\b/.test(text) ? 'fr' : 'en';
}

/** The next step for one of the example questions, or undefined for any other message. */
export function respondToExample(body: FakeRequestBody): FakeReply | undefined {
  const text = lastUserText(body).toLowerCase();
  const question = QUESTIONS.find((q) => q.pattern.test(text));
  if (!question) return undefined;
  const lang = languageOf(text);
  const calls = turnToolCalls(body);
  const find = calls.find((c) => c.name === 'ha_find_entities');
  if (!find) return use('ha_find_entities', question.find);
  if (!find.result || find.result.isError) return say(`${lang === 'fr' ? 'Recherche impossible' : "I couldn't search your home"}: ${errorOf(find.result?.text ?? '')}`);
  const found = extractEntities(find.result.text);
  const call = calls.find((c) => c.name === 'ha_call_service');
  const wanted = question.act?.(found);
  if (wanted && !call) return use('ha_call_service', wanted);
  return say(question.answer(found, lang, call));
}

/** What the demo model says to anything it cannot read: what it is, and what it can do. */
export function demoGreeting(lang: Lang): string {
  return lang === 'fr'
    ? `Je suis le ${DEMO_MODEL_NAME} (un modèle scripté, pas Claude) : essayez les questions d'exemple, « allume la lumière de la cuisine » ou « ouvre la porte du garage ».`
    : `I am the ${DEMO_MODEL_NAME} (a scripted stand-in, not Claude): try the example questions, "turn on the kitchen light" or "open the garage door".`;
}

/** French past participles of what the home agent says it did ("Done: I turned on …"). */
const DONE_IN_FRENCH: Readonly<Record<string, string>> = {
  'turned on': 'allumé',
  'turned off': 'éteint',
  opened: 'ouvert',
  closed: 'fermé',
  locked: 'verrouillé',
  unlocked: 'déverrouillé',
  toggled: 'basculé',
  started: 'démarré',
  stopped: 'arrêté',
  paused: 'mis en pause',
  resumed: 'relancé',
};

/**
 * The home agent's usual closing sentences in French: it speaks only English, and a French person
 * trying the demo should not get English back. Any other sentence is left as it is.
 */
export function homeAnswerInFrench(text: string): string {
  const done = /^Done: I (turned on|turned off|opened|closed|locked|unlocked|toggled|started|stopped|paused|resumed) (.+)\.$/s.exec(text);
  if (done) return `C'est fait : j'ai ${DONE_IN_FRENCH[done[1] ?? '']} ${(done[2] ?? '').replace(/ and (?!.* and )/, ' et ')}.`;
  const missing = /^I couldn't find anything matching "(.*)"\.$/s.exec(text);
  if (missing) return `Je ne trouve rien qui corresponde à « ${missing[1] ?? ''} ».`;
  return text;
}

/** What the demo model can reach beyond the home. */
export interface DemoResponderOptions {
  /** The parish hall's page (served by the demo when chromium exists); without it, the browser question says the browser is off. */
  parishHallUrl?: string;
}

/**
 * The demo model as the fake server's `fallback`: the example questions, the parish hall's page,
 * new mail (when the demo has a mailbox, which the offered mail tools show), then the home agent (in French to French);
 * it introduces itself as the demo model.
 */
export function createDemoResponder(options: DemoResponderOptions = {}): (req: RecordedRequest) => FakeReply {
  return (req) => {
    const example = respondToExample(req.body) ?? respondToParishHall(req.body, options.parishHallUrl) ?? respondToMail(req.body);
    if (example) return example;
    const reply = respondAsHomeAgent(req.body);
    const text = reply.content?.[0]?.type === 'text' ? reply.content[0].text : undefined;
    const lang = languageOf(lastUserText(req.body).toLowerCase());
    if (text === GREETING) return say(demoGreeting(lang));
    return text !== undefined && lang === 'fr' ? say(homeAnswerInFrench(text)) : reply;
  };
}
