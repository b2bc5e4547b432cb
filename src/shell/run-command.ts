/**
 * Runs one command line with bash in its own process group: output capped, a deadline and the
 * caller's abort signal kill the whole tree, and background jobs left behind when bash exits are
 * killed too, those that detached themselves (setsid) included, so nothing a command starts
 * outlives its call.
 */
import { execa } from 'execa';
import { OutputCap, type CappedText } from './output-cap.js';
import { tagRunEnv } from './child-env.js';
import { killProcessGroup, killProcessTree, killTagged } from './process-tree.js';

/** One command to run. */
export interface CommandSpec {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Bytes kept per stream. */
  outputLimit: number;
  /** A prefix that wraps `bash -c` (the sandbox: `bwrap … --`); empty to run bash directly. */
  wrapper?: { file: string; args: readonly string[] };
  signal?: AbortSignal;
}

/** How it went. */
export interface CommandOutcome {
  /** Bash's exit code; null when it was killed or never started. */
  exitCode: number | null;
  /** The signal that ended it, if any. */
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the process could not be started at all. */
  startError?: string;
  stdout: CappedText;
  stderr: CappedText;
}

/** A running command, so the owner can kill it on stop. */
export interface RunningCommand {
  kill(): void;
  done: Promise<CommandOutcome>;
}

/** Starts the command; `done` settles once it and everything it started have ended. */
export function startCommand(spec: CommandSpec): RunningCommand {
  const stdout = new OutputCap(spec.outputLimit);
  const stderr = new OutputCap(spec.outputLimit);
  const [file, args] = spec.wrapper
    ? [spec.wrapper.file, [...spec.wrapper.args, 'bash', '-c', spec.command]]
    : ['bash', ['-c', spec.command]];
  const { env, tag } = tagRunEnv(spec.env);
  const child = execa(file, args, {
    cwd: spec.cwd,
    env,
    extendEnv: false,
    // Its own process group (and session): kill(-pid) then reaches everything it starts.
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    cleanup: false,
    stripFinalNewline: false,
  });
  child.stdout?.on('data', (chunk: Buffer | string) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer | string) => stderr.push(chunk));

  let timedOut = false;
  let aborted = false;
  const killAll = (): void => {
    if (child.pid !== undefined) killProcessTree(child.pid);
    killTagged(tag);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killAll();
  }, spec.timeoutMs);
  const onAbort = (): void => {
    aborted = true;
    killAll();
  };
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (spec.signal?.aborted) onAbort();
  // Background jobs (`sleep 1000 &`, `setsid -f …`) would hold the pipes open and outlive the call.
  child.on('exit', () => {
    if (child.pid !== undefined) killProcessGroup(child.pid);
    killTagged(tag);
  });

  const done = (async (): Promise<CommandOutcome> => {
    const result = await child;
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
    const started = child.pid !== undefined;
    return {
      exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
      signal: result.signal ?? null,
      timedOut,
      aborted,
      ...(!started && { startError: result.shortMessage }),
      stdout: stdout.result(),
      stderr: stderr.result(),
    };
  })();
  return { kill: onAbort, done };
}
