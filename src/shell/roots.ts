/**
 * The folders commands may start in (`shell_roots`). Roots and working directories are compared
 * by their real paths, so neither `..` nor a symbolic link leads a command to start outside them.
 * Without a sandbox this chooses where a command starts, not what it can reach: the approval is
 * what guards the rest (DOCS.md, "Shell").
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { cwdRefusalText, folderProblemText, type CwdRefusal, type FolderProblem } from './refusals.js';

/** The usable roots, and the configured ones that are not. */
export interface ResolvedRoots {
  /** Real paths of existing folders, in the configured order. */
  roots: string[];
  missing: Array<{ path: string; reason: string }>;
}

/** A working directory inside the roots, or why the requested one is refused (`reason` in English, `refusal` to word for a person). */
export type CwdResolution = { ok: true; cwd: string } | { ok: false; reason: string; refusal: CwdRefusal };

/** A path that exists but is not a folder. */
class NotAFolder extends Error {}

async function realFolder(path: string): Promise<string> {
  const real = await realpath(path);
  if (!(await stat(real)).isDirectory()) throw new NotAFolder('not a folder');
  return real;
}

function problemOf(err: unknown): FolderProblem {
  if (err instanceof NotAFolder) return { kind: 'not_folder' };
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return { kind: 'missing' };
  if (code === 'EACCES') return { kind: 'unreadable' };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

function refuse(refusal: CwdRefusal): CwdResolution {
  return { ok: false, reason: cwdRefusalText(refusal), refusal };
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
      missing.push({ path, reason: folderProblemText(problemOf(err)) });
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
  if (first === undefined) return refuse({ kind: 'no_root' });
  if (cwd === undefined || cwd.trim() === '') return { ok: true, cwd: first };
  if (cwd.includes('\0')) return refuse({ kind: 'nul' });
  if (cwd.split(/[/\\]/).includes('..')) return refuse({ kind: 'dotdot', roots });
  let real: string;
  try {
    real = await realFolder(resolve(first, cwd));
  } catch (err) {
    return refuse({ kind: 'unusable', cwd, problem: problemOf(err) });
  }
  if (!roots.some((root) => isInside(root, real))) {
    return refuse({ kind: 'outside', cwd, ...(real !== resolve(first, cwd) && { leadsTo: real }), roots });
  }
  return { ok: true, cwd: real };
}
