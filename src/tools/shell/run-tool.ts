/**
 * `shell_run` {command, cwd?, timeout_s?}: one bash command line in a shell root. Its output is
 * third-party text (files, logs, whatever the command prints), so it is marked untrusted.
 */
import { z } from 'zod';
import { t } from '../../messages/messages.js';
import { errorResult, type Tool, type ToolResult } from '../tool.js';
import { describeShellRun } from './run-declaration.js';
import type { ShellRun, ShellService } from '../../shell/shell-service.js';
import { shellRefusalText } from '../../shell/refusals.js';

const input = z.object({
  command: z.string().min(1).max(8000).refine((text) => text.trim() !== '', 'must not be blank').describe('A bash command line, e.g. "df -h /config".'),
  cwd: z.string().max(1024).optional().describe('Folder to run in: absolute, or relative to the first shell root (the default).'),
  timeout_s: z.number().int().min(1).max(3600).optional().describe('Seconds before the command and everything it started are killed; capped by the add-on option.'),
});

/** `shell_run` input. */
export type ShellRunInput = z.infer<typeof input>;

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function sizeNote(stream: string, total: number, omitted: number): string {
  return `${stream} was ${total} bytes; ${omitted} bytes from the middle are left out`;
}

/** How the command ended, in a few words, in `language` (the card people read). */
export function endingLine(command: string, run: Extract<ShellRun, { ran: true }>, language?: string): string {
  if (run.timedOut) return t(language, 'shell.timed_out', { command, seconds: run.timeoutS });
  if (run.aborted) return t(language, 'shell.aborted', { command });
  if (run.exitCode !== null) return t(language, 'shell.exited', { command, code: run.exitCode });
  return t(language, 'shell.killed', { command, signal: run.signal ?? t(language, 'shell.a_signal') });
}

/** "the output of `ls`": what the conversation read, for the taint approval's reason, in `language` (the reader's). */
export function shellTaintSource(command: string, language?: string): string {
  return t(language, 'taint.shell_output', { command: clip(command, 60) });
}

/** The model's view of a finished command; `language` words the card and what it read (the taint's source). */
export function describeRun(command: string, run: Extract<ShellRun, { ran: true }>, language?: string): ToolResult {
  const notes: string[] = [];
  if (run.stdout.omittedBytes > 0) notes.push(sizeNote('stdout', run.stdout.totalBytes, run.stdout.omittedBytes));
  if (run.stderr.omittedBytes > 0) notes.push(sizeNote('stderr', run.stderr.totalBytes, run.stderr.omittedBytes));
  const output = {
    exit_code: run.exitCode,
    ...(run.signal !== null && { signal: run.signal }),
    ...(run.timedOut && { timed_out: true }),
    cwd: run.cwd,
    sandbox: run.sandbox,
    stdout: run.stdout.text,
    stderr: run.stderr.text,
    ...(notes.length > 0 && { notes }),
  };
  const shown = clip(command, 80);
  return {
    ok: run.exitCode === 0,
    output,
    summary: endingLine(shown, run, language),
    untrusted: true,
    taintSource: shellTaintSource(command, language),
  };
}

/** Builds `shell_run` over a started ShellService; `dataDir` is Majordome's data folder, which commands reading it are judged by. */
export function createShellRunTool(shell: ShellService, dataDir?: string): Tool<ShellRunInput> {
  return {
    name: 'shell_run',
    description:
      'Run one bash command line on the Home Assistant host (add-on container) and read its exit code, stdout and stderr (each capped at 16 KB). ' +
      'It starts in a shell root folder and is killed with everything it started when the time limit is reached. A person approves commands unless a rule allows them.',
    input,
    effect: 'external',
    untrusted: true,
    describe: (call, language) => describeShellRun(call, dataDir, language),
    async execute(args, ctx) {
      const run = await shell.run({ command: args.command, cwd: args.cwd, timeoutS: args.timeout_s }, ctx.signal);
      // The model reads the English reason; the card says it in the person's language.
      if (!run.ran) return errorResult(run.reason, t(ctx.language, 'shell.not_run', { reason: clip(shellRefusalText(run.refusal, ctx.language), 120) }));
      if (run.startError !== undefined) return errorResult(`The command could not be started: ${run.startError}`, t(ctx.language, 'shell.not_started'));
      return describeRun(args.command, run, ctx.language);
    },
  };
}
