/**
 * The security check as people read it: localised rows for the status page, and the start-up
 * log (one line per warning or failure, then a summary).
 */
import type { Logger } from '../logger.js';
import type { CheckResult, CheckStatus } from './checks.js';
import { securityTexts } from './messages.js';

/** One row of the security card. */
export interface SecurityCheckRow {
  id: string;
  status: CheckStatus;
  title: string;
  /** What was found and how to fix it, in one sentence. */
  detail: string;
}

/** The results in a language (`fr…` → French, English otherwise). */
export function describeChecks(results: readonly CheckResult[], language: string | undefined): SecurityCheckRow[] {
  const texts = securityTexts(language);
  return results.map((result) => ({ id: result.id, status: result.status, title: texts.title(result.id), detail: texts.message(result.message, result.params) }));
}

/** How many checks came out each way. */
export function countChecks(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { fail: 0, warn: 0, pass: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

/** Logs each warning and failure on its own line, in English like every log line, then the summary. */
export function logSecurityCheck(results: readonly CheckResult[], logger: Pick<Logger, 'info' | 'warn'>): void {
  for (const row of describeChecks(results, 'en')) {
    if (row.status !== 'pass') logger.warn({ check: row.id, status: row.status }, `security check ${row.status}: ${row.title}: ${row.detail}`);
  }
  const counts = countChecks(results);
  logger.info(
    { failed: counts.fail, warnings: counts.warn, passed: counts.pass },
    `security check: ${counts.fail} failed, ${counts.warn} to look at, ${counts.pass} passed (the status page lists them)`,
  );
}
