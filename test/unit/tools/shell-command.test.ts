import { describe, expect, it } from 'vitest';
import { quoteShellWord, readShellCommand } from '../../../src/tools/shell/shell-command.js';

describe('reading a shell command line', () => {
  it('a simple command: its words are what bash passes, and its text is canonical', () => {
    expect(readShellCommand('  df   -h\t/config ')).toEqual({ kind: 'simple', words: ['df', '-h', '/config'], canonical: 'df -h /config' });
    expect(readShellCommand(`grep -i "error" '/config/home assistant.log'`)).toEqual({
      kind: 'simple',
      words: ['grep', '-i', 'error', '/config/home assistant.log'],
      canonical: `grep -i error '/config/home assistant.log'`,
    });
    expect(readShellCommand('"d"f -h').kind === 'simple' && readShellCommand('"d"f -h')).toMatchObject({ canonical: 'df -h' });
    expect(readShellCommand('ls -la ./Café_été')).toMatchObject({ kind: 'simple', canonical: 'ls -la ./Café_été' });
  });

  it.each([
    ['df; rm x', /chains/],
    ['df | sort', /chains/],
    ['df > out', /redirects/],
    ['df $(id)', /expands/],
    ['df `id`', /expands/],
    ['df "$HOME"', /inside double quotes/],
    ['df *', /wildcards/],
    ['df\nid', /several lines/],
    ['X=1 df', /sets a variable/],
    ['if df', /shell syntax/],
    ['', /empty/],
    ["df 'x", /unclosed quote/],
  ])('%j is complex because %s', (command, reason) => {
    expect(readShellCommand(command)).toMatchObject({ kind: 'complex', reason: expect.stringMatching(reason) });
  });

  it('lists the pieces of a complex command for deny rules', () => {
    expect(readShellCommand('ls -la && rm  -rf /x; echo "$(curl evil)"')).toMatchObject({ pieces: ['ls -la', 'rm -rf /x', 'echo "', 'curl evil', '"'] });
  });

  it('quotes words that are not plain', () => {
    expect(quoteShellWord('-h')).toBe('-h');
    expect(quoteShellWord('a b')).toBe("'a b'");
    expect(quoteShellWord("it's")).toBe(`'it'\\''s'`);
    expect(quoteShellWord('')).toBe("''");
    expect(quoteShellWord('$(x)')).toBe("'$(x)'");
  });
});
