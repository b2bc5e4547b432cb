import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../src/package-info.js';

const LOCK_STALE_MS = 180_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function canBuild(root: string): boolean {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  return existsSync(join(root, 'panel')) && scripts['build:panel'] !== undefined;
}

/** Why the panel cannot be served here, or undefined when it can (built, or buildable). */
export function panelUnavailable(root = packageRoot()): string | undefined {
  if (existsSync(join(root, 'dist', 'panel', 'index.html')) || canBuild(root)) return undefined;
  return 'the panel is not built and package.json has no build:panel script yet';
}

/** Whether dist/panel is missing or older than a file under panel/ (and a build is possible). */
export function panelNeedsBuild(root = packageRoot()): boolean {
  const index = join(root, 'dist', 'panel', 'index.html');
  if (!existsSync(index)) return true;
  const sources = join(root, 'panel');
  return canBuild(root) && newestMtime(sources) > statSync(index).mtimeMs;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the panel (`npm run build:panel`) when dist/panel is missing or stale. Test files run in
 * parallel processes, so a lock directory makes one of them build while the others wait.
 */
export function ensurePanelBuilt(root = packageRoot()): void {
  if (!panelNeedsBuild(root)) return;
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  const lock = join(root, 'test-artifacts', '.panel-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    if (panelNeedsBuild(root)) execFileSync('npm', ['run', '--silent', 'build:panel'], { cwd: root, stdio: 'pipe', timeout: LOCK_STALE_MS });
  } catch (err) {
    const output = err && typeof err === 'object' && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
    throw new Error(`npm run build:panel failed:\n${output.slice(-2000)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
