import { describe, expect, it } from 'vitest';
import { OutputCap } from '../../../src/shell/output-cap.js';

describe('capped command output', () => {
  it('keeps short output whole', () => {
    const cap = new OutputCap(16);
    cap.push('hello ');
    cap.push(Buffer.from('world'));
    expect(cap.result()).toEqual({ text: 'hello world', totalBytes: 11, omittedBytes: 0 });
  });

  it('keeps exactly the limit whole', () => {
    const cap = new OutputCap(10);
    for (const ch of '0123456789') cap.push(ch);
    expect(cap.result()).toEqual({ text: '0123456789', totalBytes: 10, omittedBytes: 0 });
  });

  it('keeps the beginning and the end of long output, and says how much is left out', () => {
    const cap = new OutputCap(10);
    cap.push('START');
    for (let i = 0; i < 1000; i++) cap.push('.'.repeat(97));
    cap.push('..END!');
    const { text, totalBytes, omittedBytes } = cap.result();
    expect(totalBytes).toBe(5 + 97_000 + 6);
    expect(omittedBytes).toBe(totalBytes - 10);
    expect(text).toBe(`START\n[… ${omittedBytes} bytes left out …]\n.END!`);
  });

  it('never splits a character at either edge of the gap', () => {
    const cap = new OutputCap(8);
    cap.push('ééééééééééé'); // 2 bytes each
    const { text } = cap.result();
    expect(text).not.toContain('\uFFFD');
    expect(text).toMatch(/^éé\n\[… \d+ bytes left out …\]\néé$/);
  });
});
