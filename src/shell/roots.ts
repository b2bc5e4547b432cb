/**
 * The folders commands may start in (`shell_roots`). Roots and working directories are compared
 * by their real paths, so neither `..` nor a symbolic link leads a command to start outside them.
 * Without a sandbox this chooses where a command starts, not what it can reach: the approval is
 * what guards the rest (DOCS.md, "Shell").
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';

/** The usable roots, and the configured ones that are not. */
export interface ResolvedRoots {
  /** Real paths of existing folders, in the configured order. */
  roots: string[];
  missing: Array<{ path: string; reason: string }>;
}

/** A working directory inside the roots, or why the requested one is refused. */
export type CwdResolution = { ok: true; cwd: string } | { ok: false; reason: string };

async function realFolder(path: string): Promise<string> {
  const real = await realpath(path);
  if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
  return real;
}

function why(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES') return 'not readable';
  return err instanceof Error ? err.message : String(err);
}

/** Resolves `shell_roots` to real folders; ones that do not exist (or are not folders) are reported. */
export async function resolveRoots(paths: readonly string[]): Promise<ResolvedRoots> {
  const roots: string[] = [];
  const missing: ResolvedRoots['missing'] = [];
  for (const path of paths) {
    if (!isAbsolute(path)) {
      missing.push({ path, reason: 'not an absolute path' });
      continue;
    }
    try {
      const real = await realFolder(path);
      if (!roots.includes(real)) roots.push(real);
    } catch (err) {
      missing.push({ path, reason: why(err) });
    }
  }
  return { roots, missing };
}

/** Whether `path` is `root` or inside it (both real paths). */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real working directory for `cwd` (absolute, or relative to the first root); default the first root. */
export async function resolveCwd(roots: readonly string[], cwd: string | undefined): Promise<CwdResolution> {
  const [first] = roots;
  if (first === undefined) return { ok: false, reason: 'no shell root is available' };
  if (cwd === undefined || cwd.trim() === '') return { ok: true, cwd: first };
  const list = roots.join(', ');
  if (cwd.includes('\0')) return { ok: false, reason: 'cwd holds a NUL character' };
  if (cwd.split(/[/\\]/).includes('..')) return { ok: false, reason: `cwd may not contain "..": use a folder inside ${list}` };
  let real: string;
  try {
    real = await realFolder(resolve(first, cwd));
  } catch (err) {
    return { ok: false, reason: `cwd ${cwd}: ${why(err)}` };
  }
  if (!roots.some((root) => isInside(root, real))) {
    const via = real === resolve(first, cwd) ? '' : ` (it leads to ${real})`;
    return { ok: false, reason: `cwd ${cwd} is outside the shell roots${via}; commands may start only in ${list} or a folder inside` };
  }
  return { ok: true, cwd: real };
}
