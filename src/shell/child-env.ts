/**
 * The environment a shell command gets: an allowlist, never a copy of the server's. The server's
 * own environment holds SUPERVISOR_TOKEN, HASSIO_TOKEN, HA_TOKEN and model keys; anything not
 * named here (BASH_ENV, LD_PRELOAD, BASH_FUNC_* included) stays out. Each run also carries a tag
 * of its own, which every process it starts inherits: process-tree.ts finds them by it.
 */
import { randomUUID } from 'node:crypto';

/** Variables passed through from the server's environment when set. */
export const CHILD_ENV_ALLOWLIST: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'LC_NUMERIC',
  'LC_TIME',
  'TZ',
  'TERM',
  'TMPDIR',
];

const DEFAULTS: Readonly<Record<string, string>> = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  LANG: 'C.UTF-8',
  // No colour codes or pagers in output the model reads.
  TERM: 'dumb',
  PAGER: 'cat',
};

/** The scrubbed environment for commands, from the server's environment. */
export function buildChildEnv(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = { ...DEFAULTS };
  for (const name of CHILD_ENV_ALLOWLIST) {
    const value = source[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}

/** The variable that tags every process of one run. */
export const RUN_TAG_VARIABLE = 'SHELL_RUN_ID';

/** A run's environment with a fresh tag, and the tag as it appears in /proc/<pid>/environ. */
export function tagRunEnv(env: Readonly<Record<string, string>>): { env: Record<string, string>; tag: string } {
  const id = randomUUID();
  return { env: { ...env, [RUN_TAG_VARIABLE]: id }, tag: `${RUN_TAG_VARIABLE}=${id}` };
}
