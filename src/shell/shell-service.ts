/**
 * The shell service: resolves the roots and checks the sandbox at start, runs commands, and kills
 * whatever is still running on stop. Refusals (no usable root, a cwd outside the roots, a sandbox
 * that cannot run here) come back as reasons the model and the user can read; the service never
 * falls back to running a command unsandboxed when the sandbox was asked for.
 */
import { realpath } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { buildChildEnv } from './child-env.js';
import { resolveCwd, resolveRoots } from './roots.js';
import { startCommand, type CommandOutcome, type RunningCommand } from './run-command.js';
import { outageText, shellRefusalText, type ShellOutage, type ShellRefusal } from './refusals.js';
import { bwrapArgs, probeSandbox, type SandboxProbe } from './sandbox.js';

/** Which sandbox wraps commands (option `shell_sandbox`). */
export type ShellSandbox = 'none' | 'bwrap';

/** What the shell service needs. */
export interface ShellServiceDeps {
  /** Option `shell_roots`: folders commands may start in; the first is the default. */
  roots: readonly string[];
  /** Option `shell_timeout_s`: the longest a command may run. */
  timeoutS: number;
  sandbox: ShellSandbox;
  /** The server's environment; only allowlisted variables reach commands (child-env.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** Folders a sandboxed command must not read (the data folder: options.json holds the keys). */
  hidden?: readonly string[];
  logger: Logger;
  /** Bytes kept per output stream; 16 KB by default. */
  outputLimit?: number;
  /** The bubblewrap executable; `bwrap` on PATH by default. */
  bwrapPath?: string;
}

/** One command as the model asked for it. */
export interface ShellRequest {
  command: string;
  cwd?: string | undefined;
  timeoutS?: number | undefined;
}

/** A finished command, or why it was not run. */
export type ShellRun =
  | ({ ran: true; cwd: string; timeoutS: number; sandbox: ShellSandbox } & CommandOutcome)
  /** `reason` in English (what the model reads); `refusal` to word for the person who asked. */
  | { ran: false; reason: string; refusal: ShellRefusal };

/** Bytes kept per stream unless told otherwise. */
export const DEFAULT_OUTPUT_LIMIT = 16 * 1024;

/** Runs shell commands inside the configured roots, limits and sandbox. */
export class ShellService {
  readonly #deps: ShellServiceDeps;
  readonly #env: Record<string, string>;
  readonly #running = new Set<RunningCommand>();
  #roots: string[] = [];
  #hidden: string[] = [];
  #unavailable: ShellOutage | undefined = { kind: 'starting' };
  #probe: SandboxProbe | undefined;

  constructor(deps: ShellServiceDeps) {
    this.#deps = deps;
    this.#env = buildChildEnv(deps.env);
  }

  /** The real paths of the usable roots (after start). */
  get roots(): readonly string[] {
    return this.#roots;
  }

  /** What the sandbox probe found at start; undefined when no sandbox was asked for or probed. */
  get sandboxProbe(): SandboxProbe | undefined {
    return this.#probe;
  }

  /** Resolves the roots and, with `bwrap`, checks that the sandbox works here; logs what it finds. */
  async start(): Promise<void> {
    const { logger } = this.#deps;
    const { roots, missing } = await resolveRoots(this.#deps.roots);
    for (const { path, reason } of missing) logger.warn({ root: path, reason }, 'a folder of shell_roots is left out');
    this.#roots = roots;
    if (roots.length === 0) {
      this.#unavailable = { kind: 'no_roots', configured: this.#deps.roots };
      logger.error(`shell commands are refused: ${outageText(this.#unavailable)}`);
      return;
    }
    this.#hidden = await existingFolders(this.#deps.hidden ?? []);
    if (this.#deps.sandbox === 'bwrap') {
      const probe = await this.#runProbe();
      this.#probe = probe;
      if (!probe.ok) {
        this.#unavailable = { kind: 'no_sandbox', problem: probe.problem };
        logger.error(`shell commands are refused: ${outageText(this.#unavailable)}`);
        return;
      }
    }
    this.#unavailable = undefined;
    logger.info({ roots, sandbox: this.#deps.sandbox, timeout_s: this.#deps.timeoutS }, 'shell commands enabled');
  }

  /** Kills every command still running and waits for them to end. */
  async stop(): Promise<void> {
    const running = [...this.#running];
    for (const command of running) command.kill();
    await Promise.all(running.map((command) => command.done));
    this.#unavailable = { kind: 'stopped' };
  }

  /** Runs one command; `signal` (the turn's) kills it when aborted. */
  async run(request: ShellRequest, signal?: AbortSignal): Promise<ShellRun> {
    if (this.#unavailable !== undefined) return refused({ kind: 'unavailable', outage: this.#unavailable });
    const where = await resolveCwd(this.#roots, request.cwd);
    if (!where.ok) return refused({ kind: 'cwd', refusal: where.refusal });
    const timeoutS = Math.min(request.timeoutS ?? this.#deps.timeoutS, this.#deps.timeoutS);
    const sandboxed = this.#deps.sandbox === 'bwrap';
    const running = startCommand({
      command: request.command,
      cwd: where.cwd,
      env: this.#env,
      timeoutMs: timeoutS * 1000,
      outputLimit: this.#deps.outputLimit ?? DEFAULT_OUTPUT_LIMIT,
      ...(sandboxed && { wrapper: { file: this.#bwrap(), args: bwrapArgs({ roots: this.#roots, hidden: this.#hidden, cwd: where.cwd }) } }),
      ...(signal && { signal }),
    });
    this.#running.add(running);
    try {
      const outcome = await running.done;
      return { ran: true, cwd: where.cwd, timeoutS, sandbox: this.#deps.sandbox, ...outcome };
    } finally {
      this.#running.delete(running);
    }
  }

  #bwrap(): string {
    return this.#deps.bwrapPath ?? 'bwrap';
  }

  #runProbe(): Promise<SandboxProbe> {
    const [first = '/'] = this.#roots;
    return probeSandbox(this.#bwrap(), { roots: this.#roots, hidden: this.#hidden, cwd: first }, this.#env);
  }
}

function refused(refusal: ShellRefusal): ShellRun {
  return { ran: false, reason: shellRefusalText(refusal), refusal };
}

async function existingFolders(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const real = await realpath(path).catch(() => undefined);
    if (real !== undefined && real !== '/') found.push(real);
  }
  return found;
}
