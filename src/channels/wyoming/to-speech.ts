/**
 * Turns a model answer into something a voice can read: plain sentences, no markdown marks, no code,
 * lists read as one short enumeration, and a length cap. Pure, so it is tested on its own.
 */
import { voiceMessages } from './voice-messages.js';

/** How short a spoken answer stays. */
export interface SpeechOptions {
  language?: string;
  /** Items of a list read out before "and N more" (default 5). */
  maxListItems?: number;
  /** Longest answer in characters (default 600, about 40 seconds of speech). */
  maxChars?: number;
}

const LIST_ITEM = /^(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*$/;
const RULE = /^(?:[-*_]\s*){3,}$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const SENTENCE_END = /[.!?…:;]$/;

/** Removes inline markdown: links and images keep their text, emphasis and code marks go. */
export function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\*(\S(?:[^*]*\S)?)\*/g, '$1')
    // Underscores inside words (entity ids such as light.kitchen_light) are not emphasis.
    .replace(/(^|[^\w])_(\S(?:[^_]*\S)?)_(?=[^\w]|$)/g, '$1$2')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function withStop(text: string): string {
  return text === '' || SENTENCE_END.test(text) ? text : `${text}.`;
}

function speakList(items: string[], language: string | undefined, maxItems: number): string {
  const words = voiceMessages(language);
  const clean = items.map((item) => item.replace(/[.;,]+$/, '')).filter((item) => item !== '');
  if (clean.length <= 1) return withStop(clean[0] ?? '');
  if (clean.length > maxItems) {
    return `${clean.slice(0, maxItems).join(', ')}, ${words.more(clean.length - maxItems)}.`;
  }
  return `${clean.slice(0, -1).join(', ')} ${words.and} ${clean.at(-1) ?? ''}.`;
}

function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastStop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (lastStop > maxChars / 2) return cut.slice(0, lastStop + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > 0 ? lastSpace : maxChars).replace(/[,;:]$/, '')}…`;
}

/** The spoken form of an answer. */
export function toSpeech(answer: string, options: SpeechOptions = {}): string {
  const maxItems = options.maxListItems ?? 5;
  const withoutCode = answer.replace(/```[\s\S]*?(?:```|$)/g, ' ');
  const parts: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length > 0) parts.push(speakList(list, options.language, maxItems));
    list = [];
  };
  for (const raw of withoutCode.split(/\r?\n/)) {
    const line = raw.trim().replace(/^>\s?/, '');
    const item = LIST_ITEM.exec(line);
    if (item) {
      list.push(stripInline(item[1] ?? ''));
      continue;
    }
    flushList();
    if (line === '' || RULE.test(line) || TABLE_SEPARATOR.test(line)) continue;
    const heading = HEADING.exec(line);
    if (heading) parts.push(withStop(stripInline(heading[1] ?? '')));
    else if (line.startsWith('|')) parts.push(withStop(line.split('|').map(stripInline).filter(Boolean).join(', ')));
    else parts.push(stripInline(line));
  }
  flushList();
  const text = parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  return cap(text, options.maxChars ?? 600);
}
