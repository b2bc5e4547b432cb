import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCwd, resolveRoots } from '../../../src/shell/roots.js';

describe('shell roots and working directories', () => {
  let base: string;
  let root: string;
  let second: string;
  let outside: string;

  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-roots-')));
    root = join(base, 'root');
    second = join(base, 'second');
    outside = join(base, 'outside');
    for (const dir of [root, join(root, 'scripts'), second, outside]) mkdirSync(dir);
    writeFileSync(join(root, 'file.txt'), 'x');
    symlinkSync(outside, join(root, 'escape'));
    symlinkSync(join(root, 'scripts'), join(root, 'inner-link'));
    // A root named through a symlink is compared by its real path.
    symlinkSync(second, join(base, 'second-link'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('resolves roots to real folders and reports the ones that are not', async () => {
    const resolved = await resolveRoots([root, join(base, 'second-link'), join(base, 'missing'), join(root, 'file.txt'), 'relative/path']);
    expect(resolved.roots).toEqual([root, second]);
    expect(resolved.missing.map((m) => [m.path, m.reason])).toEqual([
      [join(base, 'missing'), 'no such folder'],
      [join(root, 'file.txt'), 'not a folder'],
      ['relative/path', 'not an absolute path'],
    ]);
  });

  it('starts in the first root by default', async () => {
    expect(await resolveCwd([root, second], undefined)).toEqual({ ok: true, cwd: root });
    expect(await resolveCwd([root, second], '')).toEqual({ ok: true, cwd: root });
  });

  it('accepts folders inside any root, absolute or relative to the first', async () => {
    expect(await resolveCwd([root, second], 'scripts')).toEqual({ ok: true, cwd: join(root, 'scripts') });
    expect(await resolveCwd([root, second], second)).toEqual({ ok: true, cwd: second });
    expect(await resolveCwd([root, second], join(root, 'inner-link'))).toEqual({ ok: true, cwd: join(root, 'scripts') });
  });

  it.each([
    ['an absolute folder outside', () => outside, /outside the shell roots/],
    ['the system root', () => '/', /outside the shell roots/],
    ['.. out of the root', () => `${root}/../outside`, /may not contain "\.\."/],
    ['relative ..', () => '../outside', /may not contain "\.\."/],
    ['.. that would stay inside', () => 'scripts/../scripts', /may not contain "\.\."/],
    ['a symlink out of the root', () => join(root, 'escape'), /outside the shell roots \(it leads to .*outside\)/],
    ['a relative symlink out of the root', () => 'escape', /outside the shell roots/],
    ['a folder that does not exist', () => 'nowhere', /no such folder/],
    ['a file', () => 'file.txt', /not a folder/],
    ['a NUL byte', () => 'scripts\0/etc', /NUL/],
  ])('refuses %s', async (_what, cwd, reason) => {
    const result = await resolveCwd([root], cwd());
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses everything when no root is usable', async () => {
    expect(await resolveCwd([], undefined)).toMatchObject({ ok: false });
  });
});
