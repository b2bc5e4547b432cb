/**
 * The environment the add-on image gives the server, read from the Dockerfile's runtime stage,
 * so the bench measures memory with the allocator settings users run, not the machine's defaults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-info.js';

/** Every `ENV` of the Dockerfile's last stage (`KEY=value` forms, continued lines joined). */
export function runtimeStageEnv(dockerfile: string): Record<string, string> {
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  const lastStage = joined.split(/^FROM\s/m).at(-1) ?? '';
  const env: Record<string, string> = {};
  for (const line of lastStage.split('\n')) {
    const match = /^ENV\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) {
      env[pair[1]!] = pair[2]!.replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** The image's glibc allocator settings (`MALLOC_*`): they decide how much freed memory the server keeps. */
export function imageMemoryEnv(dockerfile: string): Record<string, string> {
  return Object.fromEntries(Object.entries(runtimeStageEnv(dockerfile)).filter(([key]) => key.startsWith('MALLOC_')));
}

/** The repository Dockerfile's allocator settings, for server processes the bench starts. */
export function repoImageMemoryEnv(): Record<string, string> {
  return imageMemoryEnv(readFileSync(join(packageRoot(), 'Dockerfile'), 'utf8'));
}
