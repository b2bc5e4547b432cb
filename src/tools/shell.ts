/**
 * The shell capability (off unless `shell_enabled`): `shell_run` runs a bash command line in one
 * of the `shell_roots`, with a time limit that kills everything it started, capped output, a
 * scrubbed environment and, with `shell_sandbox: bwrap`, a read-only system without network.
 * Every command asks first unless a user rule allows it (shell/run-declaration.ts).
 */
import type { AnyTool } from './tool.js';
import { createShellRunTool } from './shell/run-tool.js';
import type { ShellService } from '../shell/shell-service.js';

/** What the shell tools need. */
export interface ShellToolDeps {
  shell: ShellService;
  /** Majordome's data folder: a command reading it always asks, and its approval says why; `/data` by default. */
  dataDir?: string;
}

/** Builds `shell_run`. */
export function createShellTools({ shell, dataDir }: ShellToolDeps): AnyTool[] {
  return [createShellRunTool(shell, dataDir)];
}
