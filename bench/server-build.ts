/**
 * How the bench starts the server as its own process: the built JavaScript, as the add-on runs
 * it. A stale or missing `dist/` is rebuilt into `dist/.bench/` (so a build someone else is
 * running is left alone); without a build, tsx runs the sources (its loader then counts in RSS).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A way to run src/main.ts as a process. */
export interface ServerCommand {
  args: string[];
  label: string;
  /** Build problems worth printing (type errors of work in progress still emit JavaScript). */
  note?: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function isFresh(mainJs: string, sources: number): boolean {
  return existsSync(mainJs) && statSync(mainJs).mtimeMs >= sources;
}

/** Picks or produces the server entry point; `root` is the package folder. */
export function resolveServerCommand(root: string, allowBuild = true): ServerCommand {
  const sources = newestMtime(join(root, 'src'));
  const dist = join(root, 'dist', 'src', 'main.js');
  if (isFresh(dist, sources)) return { args: [dist], label: 'node dist/src/main.js (npm run build)' };
  const benchDist = join(root, 'dist', '.bench');
  const benchMain = join(benchDist, 'src', 'main.js');
  if (isFresh(benchMain, sources)) return { args: [benchMain], label: 'node dist/.bench/src/main.js (bench build)' };
  if (allowBuild) {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', benchDist], { cwd: root, encoding: 'utf8' });
    if (isFresh(benchMain, sources)) {
      const note = build.status === 0 ? undefined : `tsc reported errors but emitted: ${build.stdout.split('\n')[0] ?? ''}`;
      return { args: [benchMain], label: 'node dist/.bench/src/main.js (fresh tsc build)', ...(note ? { note } : {}) };
    }
  }
  return { args: ['--import', 'tsx', join(root, 'src', 'main.ts')], label: 'node --import tsx src/main.ts (TypeScript loader included)' };
}
