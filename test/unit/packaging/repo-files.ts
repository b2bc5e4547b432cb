import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Absolute path of the repository root (this file lives in test/unit/packaging). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Absolute path of the shared folder that sits beside the repository (CI clones it there too). */
export const sharedDir = resolve(repoRoot, '../shared');

/** A file of the repository as text. */
export function readRepoText(path: string): string {
  return readFileSync(resolve(repoRoot, path), 'utf8');
}

/** A YAML file of the repository, parsed. */
export function readRepoYaml(path: string): unknown {
  return parse(readRepoText(path));
}

/** Whether a path exists in the working tree. */
export function repoHas(path: string): boolean {
  return existsSync(resolve(repoRoot, path));
}

/** Every path git tracks, relative to the repository root. */
export function trackedFiles(): string[] {
  return git('ls-files', '-z').split('\0').filter((p) => p !== '');
}

/** The mode git records for a tracked file (`100755` when executable), or undefined if untracked. */
export function trackedMode(path: string): string | undefined {
  const line = git('ls-files', '-s', '--', path).split('\n')[0];
  return line ? line.split(' ')[0] : undefined;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
}

/** A plain object, for narrowing parsed YAML. */
export type Dict = Record<string, unknown>;

/** Narrows parsed YAML/JSON to a plain object or fails with the file it came from. */
export function asDict(value: unknown, what: string): Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} is not a mapping`);
  }
  return value as Dict;
}
