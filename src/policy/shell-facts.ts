/**
 * Facts about a `shell_run` call. A single simple command gets one `command` fact, its canonical
 * text (words re-quoted the same way whatever quoting the model used), so `command="df*"` means
 * "df with any literal arguments". A complex command (chains, pipes, redirections, substitutions,
 * variables, wildcards, several lines) is judged once without a command fact, so no rule that
 * tests the command text can let it run unasked, and once per piece, so a deny or ask rule that
 * names one of its pieces still applies.
 */
import type { FactRecord } from './call-facts.js';
import { readShellCommand } from './shell-command.js';
import type { ToolFacts } from './tool-facts.js';

/** `shell_run`: the command line, when it is one simple command; its pieces otherwise. */
export function shellRunFacts(input: unknown): ToolFacts {
  const command = (input as { command?: unknown } | undefined)?.command;
  if (typeof command !== 'string') return { base: {}, groups: [] };
  const reading = readShellCommand(command);
  if (reading.kind === 'simple') return { base: { command: reading.canonical }, groups: [] };
  const pieces: FactRecord[] = reading.pieces.map((piece) => ({ command: piece }));
  return { base: {}, groups: [[{}, ...pieces]] };
}

/** Why a `shell_run` call cannot become an allow rule: rules only ever match one simple command. */
export function shellRuleRefusal(input: unknown): string | undefined {
  const command = (input as { command?: unknown } | undefined)?.command;
  if (typeof command !== 'string') return undefined;
  const reading = readShellCommand(command);
  return reading.kind === 'complex' ? `a rule only matches one simple command, and this one is not (${reading.reason})` : undefined;
}
