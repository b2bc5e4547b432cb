/**
 * Part of the composition root (main.ts): the security self-check over the running services. The
 * facts come from the config, the shell's start-up sandbox probe, the policy's user rules, the
 * entity index (exposure), the Assist port's peers and HA (whether HA_TOKEN's user is an
 * administrator); files and the uid are read through Node.
 */
import type { Config } from '../config/config.js';
import type { EntityExposure } from '../ha/entity-index.js';
import type { PolicyRule } from '../policy/index.js';
import { runSecurityChecks } from '../security-check/checks.js';
import type { SecurityFacts } from '../security-check/facts.js';
import { createSecurityFacts, processUid, sandboxStateOf, statMode } from '../security-check/gather-facts.js';
import { describeChecks, type SecurityCheckRow } from '../security-check/report.js';
import type { SandboxProbe } from '../shell/sandbox.js';

/** Domains whose entities the checks look at (locks, alarm panels, garage doors and gates). */
const GUARDED_DOMAINS: ReadonlySet<string> = new Set(['lock', 'alarm_control_panel', 'cover']);

/** The running services the check reads. */
export interface SecurityCheckDeps {
  config: Config;
  /** The shell, when it is on (its start-up probe of the sandbox). */
  shell?: { readonly sandboxProbe: SandboxProbe | undefined } | undefined;
  userRules(): readonly PolicyRule[];
  index: { describeDomains(domains: ReadonlySet<string>): EntityExposure[] | undefined };
  /** The Assist port's peers, or undefined while it is not listening. */
  wyoming(): SecurityFacts['wyoming'];
  /** Whether HA says HA_TOKEN's user is an administrator; undefined while HA does not answer. */
  haTokenAdmin(): Promise<boolean | undefined>;
}

/** The security check as main.ts hands it out: fresh facts, and localised rows for the status page. */
export interface SecurityCheckService {
  facts(): Promise<SecurityFacts>;
  rows(language: string): Promise<SecurityCheckRow[]>;
}

/** Wires the fact sources to the running services. */
export function buildSecurityCheck(deps: SecurityCheckDeps): SecurityCheckService {
  const facts = createSecurityFacts({
    config: deps.config,
    uid: processUid,
    statMode,
    sandbox: () => sandboxStateOf(deps.shell?.sandboxProbe),
    userRules: deps.userRules,
    homeEntities: () => deps.index.describeDomains(GUARDED_DOMAINS),
    wyoming: deps.wyoming,
    haTokenAdmin: deps.haTokenAdmin,
  });
  return { facts, rows: async (language) => describeChecks(runSecurityChecks(await facts()), language) };
}
