/**
 * Gathers the security facts: the config read once, and at each gathering what may have changed
 * since (file modes, the saved rules, HA's exposure, the token's admin rights). Every source is passed in; the thin
 * adapters over Node (stat, uid) are at the end of this file, the rest comes from services
 * main.ts already holds (the shell's sandbox probe, the policy's rules, the entity index).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { PolicyRule } from '../policy/index.js';
import type { DataFileMode, HomeEntityFact, SandboxState, SecurityFacts } from './facts.js';
import { tokenIssuedAt } from './token-issued.js';

/** Where the facts come from. */
export interface SecurityFactSources {
  config: Config;
  /** The process's uid. */
  uid(): number | undefined;
  /** Permission bits of a path; undefined when it does not exist. */
  statMode(path: string): Promise<number | undefined>;
  /** What the shell's sandbox probe found at start. */
  sandbox(): SandboxState;
  /** The user layer of policy rules (option rules, then saved rules). */
  userRules(): readonly PolicyRule[];
  /** Locks, alarm panels and covers; undefined until HA has answered. */
  homeEntities(): readonly HomeEntityFact[] | undefined;
  /** The Assist port's peers, or undefined when it is not listening. */
  wyoming(): SecurityFacts['wyoming'];
  /** Whether HA says the token's user is an administrator; undefined when HA does not answer (asked standalone only). */
  haTokenAdmin(): Promise<boolean | undefined>;
  now?(): Date;
}

/** Data files and folders under the data folder, as people know them. */
const DATA_FILES = ['options.json', 'majordome.db', 'majordome.db-wal', 'browser/', 'browser-screenshots/'];

/** The endpoint of the provider in use, when one is set. */
export function modelBaseUrlOf(config: Pick<Config, 'options' | 'openaiBaseUrl' | 'anthropicBaseUrl'>): string | undefined {
  return config.options.llm_provider === 'openai' ? (config.options.openai_base_url ?? config.openaiBaseUrl) : config.anthropicBaseUrl;
}

/** What the shell reports about its sandbox probe, as a fact; no probe means no sandbox in use. */
export function sandboxStateOf(probe: { ok: true } | { ok: false; reason: string } | undefined): SandboxState {
  if (!probe) return { kind: 'unused' };
  return probe.ok ? { kind: 'works' } : { kind: 'broken', reason: probe.reason };
}

/** A function that gathers a fresh snapshot each time it is called. */
export function createSecurityFacts(sources: SecurityFactSources): () => Promise<SecurityFacts> {
  const { config } = sources;
  // Read once: the token does not change while Majordome runs.
  const haTokenIssuedAt = config.mode === 'standalone' ? tokenIssuedAt(config.ha.token) : undefined;
  const modelBaseUrl = modelBaseUrlOf(config);
  return async () => {
    // The add-on's token is the Supervisor's, which HA makes an administrator: only HA_TOKEN is asked about.
    const [haTokenAdmin, dataDirMode, ...modes] = await Promise.all([
      config.mode === 'standalone' ? sources.haTokenAdmin() : undefined,
      sources.statMode(config.dataDir),
      ...DATA_FILES.map((name) => sources.statMode(join(config.dataDir, name))),
    ]);
    const dataFiles: DataFileMode[] = DATA_FILES.flatMap((name, i) => (modes[i] === undefined ? [] : [{ name, mode: modes[i] }]));
    return {
      mode: config.mode,
      options: config.options,
      trustedProxies: config.trustedProxies,
      modelBaseUrl,
      haUrl: config.ha.url,
      haTokenIssuedAt,
      haTokenAdmin,
      now: sources.now?.() ?? new Date(),
      uid: sources.uid(),
      dataDirMode,
      dataFiles,
      sandbox: sources.sandbox(),
      userRules: sources.userRules(),
      homeEntities: sources.homeEntities(),
      wyoming: sources.wyoming(),
    };
  };
}

/** The permission bits of a path through `fs.stat`; undefined when it is missing or unreadable. */
export async function statMode(path: string): Promise<number | undefined> {
  const stats = await stat(path).catch(() => undefined);
  return stats && stats.mode & 0o777;
}

/** This process's uid (undefined on Windows). */
export function processUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}
