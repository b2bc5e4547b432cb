/**
 * The snapshot the security checks read: Majordome's settings plus what was probed around them
 * (file modes, the process's uid, the sandbox probe, HA's exposure, the saved rules). Plain data,
 * so every check is a pure function over it.
 */
import type { Options } from '../config/options.js';
import type { PolicyRule } from '../policy/index.js';

/** What the shell sandbox probe found at start. */
export type SandboxState = { kind: 'unused' } | { kind: 'works' } | { kind: 'broken'; reason: string };

/** One of Majordome's data files (or folders) and its permission bits. */
export interface DataFileMode {
  /** As people know it: `options.json`, `majordome.db`, `browser/`. */
  name: string;
  /** The permission bits (`stat.mode & 0o777`). */
  mode: number;
}

/** An entity of a domain the checks care about (locks, alarm panels, covers), as HA reports it. */
export interface HomeEntityFact {
  entityId: string;
  deviceClass: string | undefined;
  /** Whether Majordome may act on it (entity_access). */
  accessible: boolean;
  /** Whether HA exposes it to Assist, whatever entity_access says. */
  exposed: boolean;
}

/** Everything the checks read. */
export interface SecurityFacts {
  mode: 'addon' | 'standalone';
  options: Options;
  /** Peers believed when they assert identity headers (normalised). */
  trustedProxies: readonly string[];
  /** The selected provider's endpoint when one is set; undefined means the provider's own https API. */
  modelBaseUrl: string | undefined;
  /** HA's base URL (standalone: HA_URL). */
  haUrl: string;
  /** Standalone: when HA_TOKEN was issued (its JWT `iat`); undefined when unreadable or in add-on mode. */
  haTokenIssuedAt: Date | undefined;
  /**
   * Standalone: whether HA_TOKEN's user is an administrator, as HA's `auth/current_user` says (HA
   * shows its user list, who may approve, only to administrators); undefined in add-on mode or
   * until HA has answered.
   */
  haTokenAdmin: boolean | undefined;
  now: Date;
  /** The process's uid; undefined where there is none (Windows). */
  uid: number | undefined;
  /** Permission bits of the data folder itself; undefined when it cannot be read. */
  dataDirMode: number | undefined;
  /** The data files that exist. */
  dataFiles: readonly DataFileMode[];
  sandbox: SandboxState;
  /** The user layer of policy rules: the `rules` option, then the saved rules. */
  userRules: readonly PolicyRule[];
  /** Locks, alarm panels and covers; undefined until HA has answered. */
  homeEntities: readonly HomeEntityFact[] | undefined;
  /** The Assist port's allowed peers and HA's own addresses; undefined when it is not listening. */
  wyoming: { allowed: readonly string[]; home: readonly string[] } | undefined;
}
