/**
 * How the policy reads a shell command line. Only a single simple command whose words are plain
 * or quoted literals (nothing bash would expand, redirect, chain or substitute) is "simple": its
 * words are then exactly the argv bash runs, and rules may match its text (`command="df*"`).
 * Everything else is "complex" and never matches an allow rule by its text; its pieces are still
 * listed so that deny and ask rules can catch a piece (`command="rm *"`) on a best-effort basis.
 */

/** A command line as the policy sees it. */
export type ShellCommandReading =
  | { kind: 'simple'; words: string[]; canonical: string }
  | { kind: 'complex'; reason: string; pieces: string[] };

/** Characters that mean nothing to bash outside quotes (no expansion, no operator, no glob). */
const PLAIN = /^[\p{L}\p{N}\p{M}_\-./:=@%+,]$/u;

/** Words bash reads as syntax when they start a command. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while',
]);

/** Characters that end a piece of a complex command: operators, substitutions, groups. */
const PIECE_BREAK = /\$\(|[;&|\n\r()`{}<>]/;

type Lexed = { ok: true; words: string[] } | { ok: false; reason: string };

function describeChar(ch: string): string {
  if (ch === '\n' || ch === '\r') return 'it spans several lines';
  if (/[;&|]/.test(ch)) return 'it chains several commands';
  if (/[<>]/.test(ch)) return 'it redirects input or output';
  if (ch === '$' || ch === '`') return 'it expands variables or runs a substitution';
  if (/[*?[\]{}~]/.test(ch)) return 'it has wildcards or expansions';
  if (ch === '(' || ch === ')') return 'it groups commands';
  if (ch === '\\') return 'it uses backslash escapes';
  if (ch === '#') return 'it has a comment';
  if (/\p{C}/u.test(ch)) return 'it holds control characters';
  return `it uses "${ch}", which the shell may read specially`;
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
      if (close < 0) return { ok: false, reason: 'it has an unclosed quote' };
      const inside = chars.slice(i + 1, close);
      // Inside double quotes bash still expands $ and `, and \ escapes; ! is history in some shells.
      if (ch === '"' && inside.some((c) => '$`\\!'.includes(c))) return { ok: false, reason: 'it expands or escapes text inside double quotes' };
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
function asSimple(lexed: Lexed): { words: string[]; canonical: string } | { reason: string } {
  if (!lexed.ok) return { reason: lexed.reason };
  const [first] = lexed.words;
  if (first === undefined) return { reason: 'it is empty' };
  // `NAME=value cmd` changes the environment of cmd (PATH, LD_PRELOAD…).
  if (first.includes('=')) return { reason: 'it sets a variable before the command' };
  if (KEYWORDS.has(first)) return { reason: `"${first}" is shell syntax, not a command` };
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
  return { kind: 'complex', reason: simple.reason, pieces: piecesOf(text) };
}
