import { describe, expect, it } from 'vitest';
import { compactSnapshot, formatPage, isRef, LINE_MAX_CHARS, refsOf, shortenLine } from '../../../src/browser/snapshot.js';

const SNAPSHOT = `- generic [active] [ref=e1]:
  - heading "Sign in" [level=1] [ref=e2]
  - generic [ref=e3]:
    - generic [ref=e4]:
      - text: User
      - textbox "User" [ref=e5]
    - button "Sign in" [ref=e10]
  - link "Help" [ref=e12] [cursor=pointer]:
    - /url: /help
  - generic [ref=e15] [cursor=pointer]: clickable div
  - iframe [ref=e16]:
    - button "inner" [ref=f1e2]`;

describe('browser snapshot text', () => {
  it('drops empty wrappers but keeps every element the model can act on', () => {
    const { text, omittedLines } = compactSnapshot(SNAPSHOT);
    expect(omittedLines).toBe(0);
    expect(text).not.toContain('[ref=e3]');
    expect(text).not.toContain('[ref=e4]');
    expect(text).toContain('textbox "User" [ref=e5]');
    expect(text).toContain('button "inner" [ref=f1e2]');
  });

  it('cuts a long page on a line boundary and says so', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `  - link "Item number ${i}" [ref=e${i + 20}]`).join('\n');
    const { text, omittedLines } = compactSnapshot(long, 5000);
    expect(text.length).toBeLessThan(5200);
    expect(omittedLines).toBeGreaterThan(1800);
    expect(text.split('\n').at(-1)).toMatch(/^… \(snapshot cut here: \d+ more lines of this long page are not shown/);
    expect(text.split('\n').slice(0, -1).every((line) => /^ {2}- link "Item number \d+" \[ref=e\d+\]$/.test(line))).toBe(true);
  });

  it('shortens a huge line and keeps its ref usable', () => {
    const line = `- link "${'x'.repeat(3000)}" [ref=e7]`;
    const short = shortenLine(line);
    expect(short.length).toBeLessThan(LINE_MAX_CHARS + 20);
    expect(short.endsWith('… [ref=e7]')).toBe(true);
  });

  it('lists refs with their roles, marking the ones worth policy facts', () => {
    expect(refsOf(compactSnapshot(SNAPSHOT).text)).toEqual([
      { ref: 'e1', role: 'generic', interactive: false },
      { ref: 'e2', role: 'heading', interactive: false },
      { ref: 'e5', role: 'textbox', interactive: true },
      { ref: 'e10', role: 'button', interactive: true },
      { ref: 'e12', role: 'link', interactive: true },
      { ref: 'e15', role: 'generic', interactive: true },
      { ref: 'e16', role: 'iframe', interactive: false },
      { ref: 'f1e2', role: 'button', interactive: true },
    ]);
  });

  it('knows a ref when it sees one', () => {
    expect(['e1', 'e123', 'f2e5'].every(isRef)).toBe(true);
    expect(['', 'e', '12', 'e1; drop', 'button', 'f1'].some(isRef)).toBe(false);
  });

  it('puts the title and the address first', () => {
    const text = formatPage({ url: 'https://shop.example/', title: 'Shop', snapshot: { text: '- heading "Shop" [ref=e1]', omittedLines: 0 } }, ['Note: x']);
    expect(text).toBe('Page: Shop\nURL: https://shop.example/\nNote: x\n\n- heading "Shop" [ref=e1]');
  });
});
