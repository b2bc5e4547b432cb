/**
 * The demo model's mail question: "Do I have any new mail?" It searches unread mail with the real
 * mail tools, reads the newest one, and says who wrote and what about from what the tools
 * returned, never from a script. Without the mail tools (no account in this demo), it says mail
 * is off.
 */
import { errorOf } from './scripts.js';
import { lastUserText, offeredTools, turnToolCalls } from './request-view.js';
import type { FakeReply, FakeRequestBody } from './types.js';

const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });
const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });

/** The suggested question (the demo prints it), in English. */
export const NEW_MAIL_QUESTION = 'Do I have any new mail?';
/** The same question in French. */
export const NEW_MAIL_QUESTION_FR = 'Ai-je du nouveau courrier ?';

const PATTERN =
  /\b(new|unread) (e-?mails?|mails?|messages?)\b|\bany (e-?)?mail\b|\bcheck (my )?(e-?)?mail\b|\bmy inbox\b|\bcourriers?\b|\bcourriels?\b|\b(e-?mails?|mails?|messages?) non lus?\b|\bnouveaux? (e-?mails?|mails?|messages?)\b/;
const FRENCH = /[àâçéèêëîïôûù]|\b(ai-je|j'ai|du|des|nouveaux?|courriers?|courriels?|non lus?)\b/;

type Lang = 'en' | 'fr';

/** One message of mail_search's result, as far as the answer needs it. */
interface Hit {
  uid: number;
  from: string;
  subject: string;
}

/** A tool's JSON output (untrusted output arrives fenced in <untrusted_content>). */
function outputOf<T>(text: string): T | undefined {
  try {
    return JSON.parse(text.replace(/<\/?untrusted_content>/g, '').trim()) as T;
  } catch {
    return undefined;
  }
}

/** "Parcelway" from "Parcelway <notifications@parcelway.example>"; the address when there is no name. */
export function senderName(from: string): string {
  const first = from.split(/,\s*(?=[^,]*<)/)[0]?.trim() ?? '';
  const named = /^"?([^"<]+?)"?\s*<([^>]+)>/.exec(first);
  return named?.[1]?.trim() || named?.[2]?.trim() || first;
}

/** What a mail is about, from its text: the first sentence after the greeting, kept short. */
export function gistOf(text: string, max = 220): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  // "Hello Alice," or "Bonjour," is a greeting, not what the mail is about.
  const body = paragraphs.find((p) => p.length >= 25 && !/,$/.test(p)) ?? paragraphs[0] ?? '';
  const sentence = /^.*?[.!?](?=\s|$)/.exec(body)?.[0] ?? body;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}

function quote(text: string, lang: Lang): string {
  return lang === 'fr' ? `« ${text} »` : `"${text}"`;
}

/** "de Parcelway", "d'École Les Tilleuls". */
function fromWord(name: string, lang: Lang): string {
  if (lang === 'en') return `from ${name}`;
  return /^[aeiouyàâéèêëîïôûù]/i.test(name) ? `d'${name}` : `de ${name}`;
}

function subjectOf(hit: Hit, lang: Lang): string {
  return hit.subject || (lang === 'fr' ? '(sans objet)' : '(no subject)');
}

/** The answer: how many new mails, the newest (who, what about, what it says), then the others. */
function answer(total: number, hits: Hit[], gist: string, lang: Lang): string {
  const [newest, ...others] = hits;
  if (!newest) return '';
  const who = senderName(newest.from);
  const subject = quote(subjectOf(newest, lang), lang);
  const says = gist ? (lang === 'fr' ? ` Il dit : ${quote(gist, lang)}` : ` It says: ${quote(gist, lang)}`) : '';
  const rest = others.map((hit) => `${quote(subjectOf(hit, lang), lang)} ${fromWord(senderName(hit.from), lang)}`).join(lang === 'fr' ? ' ; ' : '; ');
  if (lang === 'fr') {
    if (total === 1) return `Vous avez un nouveau courrier, ${fromWord(who, lang)} : ${subject}.${says}`;
    const tail = rest ? ` ${others.length === 1 ? "L'autre" : 'Les autres'} : ${rest}.` : '';
    return `Vous avez ${total} nouveaux courriers. Le plus récent, ${fromWord(who, lang)} : ${subject}.${says}${tail}`;
  }
  if (total === 1) return `You have one new mail, from ${who}: ${subject}.${says}`;
  const tail = rest ? ` ${others.length === 1 ? 'The other' : 'The others'}: ${rest}.` : '';
  return `You have ${total} new mails. The newest, from ${who}: ${subject}.${says}${tail}`;
}

/** The next step for the mail question, or undefined for any other message. */
export function respondToMail(body: FakeRequestBody): FakeReply | undefined {
  const text = lastUserText(body).toLowerCase();
  if (!PATTERN.test(text)) return undefined;
  const lang: Lang = FRENCH.test(text) ? 'fr' : 'en';
  // The tools offered say whether this demo has a mail account, as they would tell a real model.
  if (!offeredTools(body).has('mail_search')) {
    return say(
      lang === 'fr'
        ? 'Le courrier est désactivé dans cette démo : il lui faut dovecot, un serveur IMAP (apt install dovecot-imapd).'
        : 'Mail is off in this demo: it needs dovecot, an IMAP server (apt install dovecot-imapd).',
    );
  }
  const calls = turnToolCalls(body);
  const failed = calls.find((c) => c.result?.isError);
  if (failed) return say(`${lang === 'fr' ? "Je n'ai pas pu lire votre courrier" : "I couldn't read your mail"}: ${errorOf(failed.result?.text ?? '')}`);
  const search = calls.find((c) => c.name === 'mail_search');
  if (!search) return use('mail_search', { unseen: true, limit: 10 });
  const found = outputOf<{ total: number; messages: Hit[] }>(search.result?.text ?? '');
  const newest = found?.messages[0];
  if (!found || !newest) return say(lang === 'fr' ? 'Pas de nouveau courrier : tout ce qui est dans votre boîte de réception a été lu.' : 'No new mail: everything in your inbox has been read.');
  const read = calls.find((c) => c.name === 'mail_read');
  if (!read) return use('mail_read', { uid: newest.uid });
  const mail = outputOf<{ text?: string }>(read.result?.text ?? '');
  return say(answer(found.total, found.messages, gistOf(mail?.text ?? ''), lang));
}
