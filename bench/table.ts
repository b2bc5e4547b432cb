/** Plain-text tables for the terminal. */

/** Renders rows under headers with columns padded to their widest cell (numbers right-aligned). */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[~<>]?\d/.test(r[i] ?? '')));
  const cell = (text: string, i: number) => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...text].length));
    return numeric[i] ? pad + text : text + pad;
  };
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
