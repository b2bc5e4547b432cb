/**
 * How the policy reads a shell command line. Only a single simple command whose words are plain
 * or quoted literals (nothing bash would expand, redirect, chain or substitute) is "simple": its
 * words are then exactly the argv bash runs, and rules may match its text (`command="df*"`).
 * Everything else is "complex" and never matches an allow rule by its text; its pieces are still
 * listed so that deny and ask rules can catch a piece (`command="rm *"`) on a best-effort basis.
 */

import { t, type Phrase } from '../../messages/messages.js';

/** A command line as the policy sees it; a complex one says why in English (`reason`) and as a phrase to word for a person (`why`). */
export type ShellCommandReading =
  | { kind: 'simple'; words: string[]; canonical: string }
  | { kind: 'complex'; reason: string; why: Phrase; pieces: string[] };

/** Characters that mean nothing to bash outside quotes (no expansion, no operator, no glob). */
const PLAIN = /^[\p{L}\p{N}\p{M}_\-./:=@%+,]$/u;

/** Words bash reads as syntax when they start a command. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while',
]);

/** Characters that end a piece of a complex command: operators, substitutions, groups. */
const PIECE_BREAK = /\$\(|[;&|\n\r()`{}<>]/;

type Lexed = { ok: true; words: string[] } | { ok: false; reason: Phrase };

function describeChar(ch: string): Phrase {
  if (ch === '\n' || ch === '\r') return { key: 'shell.why_lines' };
  if (/[;&|]/.test(ch)) return { key: 'shell.why_chains' };
  if (/[<>]/.test(ch)) return { key: 'shell.why_redirects' };
  if (ch === '$' || ch === '`') return { key: 'shell.why_expands' };
  if (/[*?[\]{}~]/.test(ch)) return { key: 'shell.why_wildcards' };
  if (ch === '(' || ch === ')') return { key: 'shell.why_groups' };
  if (ch === '\\') return { key: 'shell.why_backslash' };
  if (ch === '#') return { key: 'shell.why_comment' };
  if (/\p{C}/u.test(ch)) return { key: 'shell.why_control' };
  return { key: 'shell.why_special', params: { char: ch } };
}

/** Splits a command into literal words, or says what makes it more than one plain command. */
function lex(text: string): Lexed {
  const chars = [...text];
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'" || ch === '"') {
      const close = chars.indexOf(ch, i + 1);
      if (close < 0) return { ok: false, reason: { key: 'shell.why_unclosed_quote' } };
      const inside = chars.slice(i + 1, close);
      // Inside double quotes bash still expands $ and `, and \ escapes; ! is history in some shells.
      if (ch === '"' && inside.some((c) => '$`\\!'.includes(c))) return { ok: false, reason: { key: 'shell.why_double_quotes' } };
      const control = inside.find((c) => /\p{C}/u.test(c));
      if (control !== undefined) return { ok: false, reason: describeChar(control) };
      word = (word ?? '') + inside.join('');
      i = close;
    } else if (PLAIN.test(ch)) {
      word = (word ?? '') + ch;
    } else {
      return { ok: false, reason: describeChar(ch) };
    }
  }
  if (word !== undefined) words.push(word);
  return { ok: true, words };
}

/** A word as bash would need it written: bare when plain, single-quoted otherwise. */
export function quoteShellWord(word: string): string {
  if (word !== '' && [...word].every((ch) => PLAIN.test(ch))) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Reads a lexed command as one simple command, or says why it is not one. */
function asSimple(lexed: Lexed): { words: string[]; canonical: string } | { reason: Phrase } {
  if (!lexed.ok) return { reason: lexed.reason };
  const [first] = lexed.words;
  if (first === undefined) return { reason: { key: 'shell.why_empty' } };
  // `NAME=value cmd` changes the environment of cmd (PATH, LD_PRELOAD…).
  if (first.includes('=')) return { reason: { key: 'shell.why_assignment' } };
  if (KEYWORDS.has(first)) return { reason: { key: 'shell.why_keyword', params: { word: first } } };
  return { words: lexed.words, canonical: lexed.words.map(quoteShellWord).join(' ') };
}

/** The pieces of a complex command, each as canonical as it can be made, for deny and ask rules. */
function piecesOf(text: string): string[] {
  const pieces = new Set<string>();
  for (const raw of text.split(PIECE_BREAK)) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const simple = asSimple(lex(trimmed));
    pieces.add('canonical' in simple ? simple.canonical : trimmed.replace(/\s+/g, ' '));
  }
  return [...pieces];
}

/** Reads a command line: one simple command with literal words, or a complex one and why. */
export function readShellCommand(text: string): ShellCommandReading {
  const simple = asSimple(lex(text));
  if ('canonical' in simple) return { kind: 'simple', ...simple };
  return { kind: 'complex', reason: t('en', simple.reason.key, simple.reason.params), why: simple.reason, pieces: piecesOf(text) };
}
