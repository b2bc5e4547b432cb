/**
 * What a `shell_run` call declares. A single simple command gets one `command` fact, its canonical
 * text (words re-quoted the same way whatever quoting the model used), so `command="df*"` means
 * "df with any literal arguments". A complex command (chains, pipes, redirections, substitutions,
 * variables, wildcards, several lines) is judged once without a command fact, so no rule that
 * tests the command text can let it run unasked, and once per piece, so a deny or ask rule that
 * names one of its pieces still applies. A simple command that reads Majordome's own secrets
 * (shell-secret-reads.ts) is judged the same way: its approval says so, and no rule on its text
 * skips that approval.
 */
import { t } from '../../messages/messages.js';
import type { CallFacts, FactRecord } from '../call-facts.js';
import type { CallDeclaration } from '../tool.js';
import { readShellCommand } from './shell-command.js';
import { DEFAULT_DATA_DIR, readsOwnSecrets } from './shell-secret-reads.js';

/** A `shell_run` call, as its schema reads it. */
export interface ShellCall {
  command: string;
  cwd?: string | undefined;
}

/** The command line, when it is one simple command; its pieces otherwise. */
export function shellRunFacts(command: string, dataDir = DEFAULT_DATA_DIR): CallFacts {
  const reading = readShellCommand(command);
  if (reading.kind === 'simple') {
    if (readsOwnSecrets(command, dataDir)) return { base: {}, groups: [[{}, { command: reading.canonical }]] };
    return { base: { command: reading.canonical }, groups: [] };
  }
  const pieces: FactRecord[] = reading.pieces.map((piece) => ({ command: piece }));
  return { base: {}, groups: [[{}, ...pieces]] };
}

/**
 * Why a command cannot become an allow rule: rules only ever match one simple command, and never
 * one that reads Majordome's own secrets.
 */
export function shellRuleRefusal(command: string, dataDir = DEFAULT_DATA_DIR, language?: string): string | undefined {
  const reading = readShellCommand(command);
  if (reading.kind === 'complex') return t(language, 'always_allow.shell_complex', { reason: t(language, reading.why.key, reading.why.params) });
  return readsOwnSecrets(command, dataDir) ? t(language, 'always_allow.shell_secrets') : undefined;
}

/**
 * A shell command is shown whole, with where it runs: what follows the first 160 characters of a
 * command line is exactly where something harmful could hide from the person approving it. One
 * that reads Majordome's own secrets says so first, where a phone notification cannot cut it off.
 */
export function shellRunSummary(call: ShellCall, dataDir = DEFAULT_DATA_DIR, language?: string): string {
  const { command } = call;
  const line =
    call.cwd !== undefined && call.cwd.trim() !== '' ? t(language, 'summary.shell_run_in', { cwd: call.cwd, command }) : t(language, 'summary.shell_run', { command });
  return readsOwnSecrets(command, dataDir) ? `${t(language, 'summary.shell_own_secrets')}\n${line}` : line;
}

/** `shell_run`'s declaration; `dataDir` is Majordome's data folder (MAJORDOME_DATA_DIR). */
export function describeShellRun(call: ShellCall, dataDir = DEFAULT_DATA_DIR, language?: string): CallDeclaration {
  const unsavable = shellRuleRefusal(call.command, dataDir, language);
  return {
    facts: shellRunFacts(call.command, dataDir),
    summary: shellRunSummary(call, dataDir, language),
    annotations: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
    rule: { required: 'command', ...(unsavable !== undefined && { unsavable }) },
  };
}
