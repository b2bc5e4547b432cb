/**
 * The bubblewrap sandbox (`shell_sandbox: bwrap`): the whole file system read-only, the roots
 * writable, a private /tmp, the server's data folder hidden (options.json holds the keys), no
 * network, its own process tree (nothing survives the command), no capabilities.
 */
import { execa } from 'execa';
import { sandboxProblemText, type SandboxProblem } from './refusals.js';

/** What the sandbox is built from. */
export interface SandboxLayout {
  /** Real paths of the writable roots. */
  roots: readonly string[];
  /** Folders to hide behind an empty tmpfs (the server's data folder). */
  hidden: readonly string[];
  cwd: string;
}

/** The sandbox's verdict at start: `reason` in English, `problem` to word for a person. */
export type SandboxProbe = { ok: true } | { ok: false; reason: string; problem: SandboxProblem };

function broken(problem: SandboxProblem): SandboxProbe {
  return { ok: false, reason: sandboxProblemText(problem), problem };
}

/** bwrap's arguments up to the command (`bash -c …` follows). */
export function bwrapArgs(layout: SandboxLayout): string[] {
  return [
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    '--tmpfs', '/tmp',
    ...layout.hidden.flatMap((path) => ['--tmpfs', path]),
    // After the tmpfs mounts, so a root under /tmp (or the data folder) is still reachable.
    ...layout.roots.flatMap((root) => ['--bind', root, root]),
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--die-with-parent',
    '--new-session',
    '--cap-drop', 'ALL',
    '--chdir', layout.cwd,
    '--',
  ];
}

/**
 * Runs `true` in the sandbox to learn whether bubblewrap works here. It often does not inside a
 * container: creating namespaces needs user namespaces or CAP_SYS_ADMIN, which Docker's default
 * seccomp profile withholds.
 */
export async function probeSandbox(bwrap: string, layout: SandboxLayout, env: Record<string, string>): Promise<SandboxProbe> {
  const result = await execa(bwrap, [...bwrapArgs(layout), 'true'], { env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 10_000 });
  if (result.exitCode === 0) return { ok: true };
  if (result.code === 'ENOENT') return broken({ kind: 'missing', bwrap });
  const detail = String(result.stderr).trim().split('\n')[0] || (result.shortMessage ?? '');
  return broken({ kind: 'broken', detail });
}
