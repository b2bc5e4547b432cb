import type { TurnRunner } from '../../contracts/turns.js';
import type { Logger } from '../../logger.js';
import type { FrameLimits } from './framing.js';

/** Everything the Wyoming server needs; `main.ts` wires it. */
export interface WyomingDeps {
  agent: TurnRunner;
  logger: Logger;
  /** Majordome's version, shown by HA on the service. */
  version: string;
  /** Answer language when a transcript names none; always offered to pipelines. */
  defaultLanguage: string;
  /**
   * How long a voice turn waits on a pending approval before answering where it waits (default
   * 20 s); the turn goes on in the background until someone decides.
   */
  approvalWaitMs?: number;
  /** Whether approvals reach phones (`approval_notify` is set): the voice then says to look at the phone. */
  approvalsOnPhone?: boolean;
  /** Delivers the outcome of a voice request answered before its approval was decided. */
  announce?: (message: string, title: string) => Promise<void>;
  /** A connection with no turn running and no complete frame for this long is closed (default 60 s). */
  idleTimeoutMs?: number;
  /** Open connections at once (default 64); more are refused by the kernel backlog then closed. */
  maxConnections?: number;
  /** Voice turns running at once across all connections (default 32); more get "busy". */
  maxTurns?: number;
  limits?: FrameLimits;
  /**
   * Whether a TCP peer may talk to the server. Wyoming has no authentication, so only Home
   * Assistant's own address is let in (see peer-allowlist.ts); absent means everyone (tests).
   */
  isAllowedPeer?: (address: string | undefined) => boolean;
}
