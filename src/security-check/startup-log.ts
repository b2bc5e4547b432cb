/**
 * The security check at start-up: once HA has described the home (or after a short wait, so a
 * home whose HA is down still gets its log), gather the facts once and log the outcome.
 */
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { runSecurityChecks } from './checks.js';
import type { SecurityFacts } from './facts.js';
import { logSecurityCheck } from './report.js';

/** What the start-up check needs. */
export interface StartupCheckDeps {
  facts(): Promise<SecurityFacts>;
  /** Resolves once HA's entities and exposure are known. */
  homeLoaded: Promise<void>;
  /** The longest wait for `homeLoaded`. */
  waitMs: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Aborted on stop: nothing is logged after. */
  signal: AbortSignal;
}

/** Runs the check once and logs it; never rejects. */
export async function logStartupSecurityCheck(deps: StartupCheckDeps): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((resolve) => deps.signal.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.race([deps.homeLoaded, new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.waitMs))), stopped]);
  clearTimeout(timer);
  if (deps.signal.aborted) return;
  try {
    const facts = await deps.facts();
    if (!deps.signal.aborted) logSecurityCheck(runSecurityChecks(facts), deps.logger);
  } catch (err) {
    deps.logger.error({ err: describeError(err) }, 'the security check could not run');
  }
}
