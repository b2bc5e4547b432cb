import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';

import { MajordomeError } from '../../../src/errors.js';

/** The repository root: three levels above this file (test/ha-sim/loaders). */
function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
}

/** The shared real-world data folder (`../shared/data` beside the repo, or MAJORDOME_SHARED_DATA). */
export function sharedDataDir(): string {
  return process.env.MAJORDOME_SHARED_DATA ?? resolve(repoRoot(), '../shared/data');
}

/** Absolute path of a file in the shared data; throws when it is missing. */
export function sharedPath(...parts: string[]): string {
  const path = resolve(sharedDataDir(), ...parts);
  if (!existsSync(path)) throw new MajordomeError('not_found', `Shared test data not found: ${parts.join('/')} (set MAJORDOME_SHARED_DATA)`);
  return path;
}

/** Reads and parses a YAML file of the shared data. */
export function readSharedYaml(...parts: string[]): unknown {
  return parse(readFileSync(sharedPath(...parts), 'utf8'));
}

/** Reads a text file of the shared data. */
export function readSharedText(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}
