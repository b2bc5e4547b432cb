/**
 * The page as the model reads it: Playwright's accessibility snapshot in its "ai" form (one line
 * per element, `[ref=e12]` on each), minus empty wrappers, cut at a size that keeps a turn cheap.
 * Pure text work; the page access is in page-session.ts.
 */

/** Past this many characters the snapshot is cut, with a note saying so. */
export const SNAPSHOT_MAX_CHARS = 12_000;

/** Past this many characters one line (a long paragraph) is shortened. */
export const LINE_MAX_CHARS = 800;

/** Roles the model acts on; their refs get element facts for the policy. */
const INTERACTIVE_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
  'treeitem',
]);

/** One element line of a snapshot that carries a ref. */
export interface SnapshotRef {
  ref: string;
  role: string;
  /** Worth reading facts for: an interactive role or a pointer cursor. */
  interactive: boolean;
}

/** A snapshot ready for the model. */
export interface CompactSnapshot {
  text: string;
  /** Lines left out by the size cap (0 when the page fit). */
  omittedLines: number;
}

const REF = /\[ref=((?:f\d+)?e\d+)\]/;
// `- generic [ref=e3]:` with nothing else: a layout wrapper whose children are listed anyway.
const EMPTY_WRAPPER = /^\s*- generic \[ref=(?:f\d+)?e\d+\]:\s*$/;

/** A long line cut to LINE_MAX_CHARS, keeping its ref so the element can still be used. */
export function shortenLine(line: string): string {
  if (line.length <= LINE_MAX_CHARS) return line;
  const head = line.slice(0, LINE_MAX_CHARS - 1);
  const ref = REF.exec(line)?.[0];
  return ref && !head.includes(ref) ? `${head}… ${ref}` : `${head}…`;
}

/** Drops empty wrappers and cuts at `maxChars` on a line boundary, with a note for the model. */
export function compactSnapshot(raw: string, maxChars = SNAPSHOT_MAX_CHARS): CompactSnapshot {
  const lines = raw
    .split('\n')
    .filter((line) => line.trim() !== '' && !EMPTY_WRAPPER.test(line))
    .map(shortenLine);
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > maxChars) break;
    kept.push(line);
    size += line.length + 1;
  }
  const omittedLines = lines.length - kept.length;
  if (omittedLines > 0) {
    kept.push(`… (snapshot cut here: ${omittedLines} more lines of this long page are not shown; refs below this point cannot be used)`);
  }
  return { text: kept.join('\n'), omittedLines };
}

/** Refs of a snapshot in order, with their roles. */
export function refsOf(snapshot: string): SnapshotRef[] {
  const refs: SnapshotRef[] = [];
  for (const line of snapshot.split('\n')) {
    const ref = REF.exec(line)?.[1];
    if (!ref) continue;
    const role = /^\s*- ([a-z]+)/.exec(line)?.[1] ?? '';
    refs.push({ ref, role, interactive: INTERACTIVE_ROLES.has(role) || line.includes('[cursor=pointer]') });
  }
  return refs;
}

/** Whether a string looks like a snapshot ref (`e12`, or `f1e3` inside a frame). */
export function isRef(value: string): boolean {
  return /^(?:f\d+)?e\d+$/.test(value);
}

/** The text a browser tool returns: where the page is, then its snapshot. */
export function formatPage(page: { url: string; title: string; snapshot: CompactSnapshot }, notes: readonly string[] = []): string {
  const head = [`Page: ${page.title || '(no title)'}`, `URL: ${page.url}`, ...notes];
  return `${head.join('\n')}\n\n${page.snapshot.text}`;
}
