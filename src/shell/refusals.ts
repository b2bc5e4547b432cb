/**
 * Why the shell service did not run a command, as data: the model reads it in English (the tool's
 * output), the person who asked reads it in their language (the card). Worded from the message
 * table; paths, option names and system errors stay as they are.
 */
import { t } from '../messages/messages.js';

/** Why bubblewrap cannot wrap commands here. */
export type SandboxProblem = { kind: 'missing'; bwrap: string } | { kind: 'broken'; detail: string };

/** Why a folder cannot be used: it is not there, not readable, not a folder, or what the system said. */
export type FolderProblem = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'not_folder' } | { kind: 'other'; message: string };

/** Why the shell takes no command at all. */
export type ShellOutage =
  | { kind: 'starting' }
  | { kind: 'stopped' }
  /** `configured`: the shell_roots as given, none of which exists. */
  | { kind: 'no_roots'; configured: readonly string[] }
  | { kind: 'no_sandbox'; problem: SandboxProblem };

/** Why a working directory is refused; `roots` are the usable roots. */
export type CwdRefusal =
  | { kind: 'no_root' }
  | { kind: 'nul' }
  | { kind: 'dotdot'; roots: readonly string[] }
  | { kind: 'unusable'; cwd: string; problem: FolderProblem }
  /** `leadsTo`: the real folder, when a link led there. */
  | { kind: 'outside'; cwd: string; leadsTo?: string; roots: readonly string[] };

/** Why one command was not run. */
export type ShellRefusal = { kind: 'unavailable'; outage: ShellOutage } | { kind: 'cwd'; refusal: CwdRefusal };

/** The sandbox problem in `language` ("bubblewrap is not installed (no "bwrap" on PATH)"). */
export function sandboxProblemText(problem: SandboxProblem, language?: string): string {
  return problem.kind === 'missing' ? t(language, 'shell.bwrap_missing', { bwrap: problem.bwrap }) : t(language, 'shell.bwrap_broken', { detail: problem.detail });
}

/** The folder problem in `language` ("no such folder"); a system message stays as it came. */
export function folderProblemText(problem: FolderProblem, language?: string): string {
  if (problem.kind === 'other') return problem.message;
  return t(language, problem.kind === 'missing' ? 'shell.folder_missing' : problem.kind === 'unreadable' ? 'shell.folder_unreadable' : 'shell.folder_not_folder');
}

/** Why the shell is off, finishing "Shell commands are unavailable: …". */
export function outageText(outage: ShellOutage, language?: string): string {
  switch (outage.kind) {
    case 'starting':
      return t(language, 'shell.why_starting');
    case 'stopped':
      return t(language, 'shell.why_stopped');
    case 'no_roots':
      return t(language, 'shell.why_no_roots', { roots: outage.configured.join(', ') || t(language, 'shell.empty_list') });
    case 'no_sandbox':
      return t(language, 'shell.why_no_sandbox', { problem: sandboxProblemText(outage.problem, language) });
  }
}

/** Why a working directory is refused, in `language`. */
export function cwdRefusalText(refusal: CwdRefusal, language?: string): string {
  switch (refusal.kind) {
    case 'no_root':
      return t(language, 'shell.no_root');
    case 'nul':
      return t(language, 'shell.cwd_nul');
    case 'dotdot':
      return t(language, 'shell.cwd_dotdot', { roots: refusal.roots.join(', ') });
    case 'unusable':
      return t(language, 'shell.cwd_unusable', { cwd: refusal.cwd, why: folderProblemText(refusal.problem, language) });
    case 'outside': {
      const via = refusal.leadsTo === undefined ? '' : t(language, 'shell.leads_to', { path: refusal.leadsTo });
      return t(language, 'shell.cwd_outside', { cwd: refusal.cwd, via, roots: refusal.roots.join(', ') });
    }
  }
}

/** Why a command was not run, in `language` (English by default: what the model reads). */
export function shellRefusalText(refusal: ShellRefusal, language?: string): string {
  if (refusal.kind === 'unavailable') return t(language, 'shell.unavailable', { why: outageText(refusal.outage, language) });
  return cwdRefusalText(refusal.refusal, language);
}
