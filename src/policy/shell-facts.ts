/**
 * Facts about a `shell_run` call. A single simple command gets one `command` fact, its canonical
 * text (words re-quoted the same way whatever quoting the model used), so `command="df*"` means
 * "df with any literal arguments". A complex command (chains, pipes, redirections, substitutions,
 * variables, wildcards, several lines) is judged once without a command fact, so no rule that
 * tests the command text can let it run unasked, and once per piece, so a deny or ask rule that
 * names one of its pieces still applies. A simple command that reads Majordome's own secrets
 * (shell-secret-reads.ts) is judged the same way: its approval says so, and no rule on its text
 * skips that approval.
 */
import type { FactRecord } from './call-facts.js';
import { readShellCommand } from './shell-command.js';
import { DEFAULT_DATA_DIR, readsOwnSecrets } from './shell-secret-reads.js';
import type { ToolFacts } from './tool-facts.js';

function commandOf(input: unknown): string | undefined {
  const command = (input as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? command : undefined;
}

/** `shell_run`: the command line, when it is one simple command; its pieces otherwise. */
export function shellRunFacts(input: unknown, dataDir = DEFAULT_DATA_DIR): ToolFacts {
  const command = commandOf(input);
  if (command === undefined) return { base: {}, groups: [] };
  const reading = readShellCommand(command);
  if (reading.kind === 'simple') {
    if (readsOwnSecrets(command, dataDir)) return { base: {}, groups: [[{}, { command: reading.canonical }]] };
    return { base: { command: reading.canonical }, groups: [] };
  }
  const pieces: FactRecord[] = reading.pieces.map((piece) => ({ command: piece }));
  return { base: {}, groups: [[{}, ...pieces]] };
}

/**
 * Why a `shell_run` call cannot become an allow rule: rules only ever match one simple command,
 * and never one that reads Majordome's own secrets.
 */
export function shellRuleRefusal(input: unknown, dataDir = DEFAULT_DATA_DIR): string | undefined {
  const command = commandOf(input);
  if (command === undefined) return undefined;
  const reading = readShellCommand(command);
  if (reading.kind === 'complex') return `a rule only matches one simple command, and this one is not (${reading.reason})`;
  return readsOwnSecrets(command, dataDir) ? "it reads Majordome's own settings or process environment, which hold its secrets, and no rule lets a command do that unasked" : undefined;
}
