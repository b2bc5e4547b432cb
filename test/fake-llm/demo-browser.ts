/**
 * The demo model's browser question: "When is the parish hall open on Saturday?" It opens the
 * parish hall's page with the real browser, takes a screenshot (so the chat shows the page),
 * reads the page and answers from what the page says, never from a script. Without the page
 * (no chromium), it says the browser is off in this demo.
 */
import { errorOf } from './scripts.js';
import { lastUserText, turnToolCalls } from './request-view.js';
import type { FakeReply, FakeRequestBody } from './types.js';

const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });
const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });

/** The suggested question (the demo prints it), in English. */
export const PARISH_HALL_QUESTION = 'When is the parish hall open on Saturday?';

const PATTERN = /parish hall|salle paroissiale/;
const DAYS: Record<string, { en: string; fr: string }> = {
  monday: { en: 'Monday', fr: 'lundi' }, lundi: { en: 'Monday', fr: 'lundi' },
  tuesday: { en: 'Tuesday', fr: 'mardi' }, mardi: { en: 'Tuesday', fr: 'mardi' },
  wednesday: { en: 'Wednesday', fr: 'mercredi' }, mercredi: { en: 'Wednesday', fr: 'mercredi' },
  thursday: { en: 'Thursday', fr: 'jeudi' }, jeudi: { en: 'Thursday', fr: 'jeudi' },
  friday: { en: 'Friday', fr: 'vendredi' }, vendredi: { en: 'Friday', fr: 'vendredi' },
  saturday: { en: 'Saturday', fr: 'samedi' }, samedi: { en: 'Saturday', fr: 'samedi' },
  sunday: { en: 'Sunday', fr: 'dimanche' }, dimanche: { en: 'Sunday', fr: 'dimanche' },
};

/** The hours the page gives for `day` ("Saturday: 9:30 to 12:30" in the page text), if it gives them. */
export function hoursOn(pageText: string, day: string): string | undefined {
  return new RegExp(`${day}: ([^"\\n\\]]+)`).exec(pageText)?.[1]?.trim();
}

/** The next step for the parish hall question, or undefined for any other message. */
export function respondToParishHall(body: FakeRequestBody, siteUrl: string | undefined): FakeReply | undefined {
  const text = lastUserText(body).toLowerCase();
  if (!PATTERN.test(text)) return undefined;
  const fr = /salle paroissiale/.test(text);
  if (!siteUrl) {
    return say(fr ? "Le navigateur est désactivé dans cette démo : chromium n'est pas installé sur cette machine." : 'The browser is off in this demo: chromium is not installed on this machine.');
  }
  const day = DAYS[Object.keys(DAYS).find((name) => text.includes(name)) ?? 'saturday']!;
  const calls = turnToolCalls(body);
  const failed = calls.find((c) => c.result?.isError);
  if (failed) return say(`${fr ? "Je n'ai pas pu lire la page de la salle paroissiale" : "I couldn't read the parish hall's page"}: ${errorOf(failed.result?.text ?? '')}`);
  if (!calls.some((c) => c.name === 'browser_open')) return use('browser_open', { url: siteUrl });
  if (!calls.some((c) => c.name === 'browser_screenshot')) return use('browser_screenshot', {});
  const snapshot = calls.find((c) => c.name === 'browser_snapshot');
  if (!snapshot) return use('browser_snapshot', {});
  const hours = hoursOn(snapshot.result?.text ?? '', day.en);
  if (!hours) return say(fr ? `La page de la salle paroissiale ne donne pas d'horaires pour le ${day.fr}.` : `The parish hall's page gives no hours for ${day.en}.`);
  if (fr) return say(`D'après sa page, la salle paroissiale est ouverte le ${day.fr} : ${hours} (horaires de la page, en anglais).`);
  return say(hours === 'closed' ? `According to its page, the parish hall is closed on ${day.en}.` : `According to its page, the parish hall is open on ${day.en} from ${hours}.`);
}
