/**
 * Remembers, per conversation, whether it read the home's data and which web hosts it has seen
 * (egress.ts decides with that). It fails closed like the taint tracker: what the store cannot
 * record is kept in memory for this process, and a conversation whose record cannot be read is
 * treated as having read the home and seen no host.
 */
import type { Logger } from '../../logger.js';
import type { HostSeenAs } from '../../store/egress.js';
import { normalizeHost, type Egress } from './egress.js';

/** Reads and records egress per conversation (the agent's and the tool runner's view). */
export interface EgressTracker {
  get(conversationId: string): Egress;
  markHomeRead(conversationId: string, tool: string): void;
  addHosts(conversationId: string, hosts: readonly string[], seenAs: HostSeenAs): void;
}

/** Where egress is persisted (src/store/egress.ts implements it). */
export interface EgressRecords {
  get(conversationId: string): { homeData?: string; knownHosts: readonly string[] };
  markHomeRead(conversationId: string, tool: string): void;
  addHosts(conversationId: string, hosts: readonly string[], seenAs: HostSeenAs): void;
}

/** The tracker over a store. */
export function createEgressTracker(store: EgressRecords, logger?: Pick<Logger, 'error'>): EgressTracker {
  const unsavedReads = new Map<string, string>();
  const unsavedHosts = new Map<string, Set<string>>();
  const report = (err: unknown, conversationId: string, what: string) =>
    logger?.error({ err: err instanceof Error ? err.message : String(err), conversationId }, what);
  return {
    get(conversationId) {
      const kept = unsavedReads.get(conversationId);
      const extraHosts = [...(unsavedHosts.get(conversationId) ?? [])];
      try {
        const record = store.get(conversationId);
        const homeData = kept ?? record.homeData;
        const knownHosts = [...record.knownHosts, ...extraHosts];
        return homeData === undefined ? { knownHosts } : { homeData, knownHosts };
      } catch (err) {
        report(err, conversationId, 'could not read what the conversation read of the home; treating it as having read it');
        return { homeData: kept ?? 'something Majordome could not check', knownHosts: extraHosts };
      }
    },
    markHomeRead(conversationId, tool) {
      try {
        store.markHomeRead(conversationId, tool);
      } catch (err) {
        report(err, conversationId, 'could not save that the conversation read the home; keeping it in memory');
        if (!unsavedReads.has(conversationId)) unsavedReads.set(conversationId, tool);
      }
    },
    addHosts(conversationId, hosts, seenAs) {
      const normalized = [...new Set(hosts.map(normalizeHost).filter((host) => host !== ''))];
      if (normalized.length === 0) return;
      try {
        store.addHosts(conversationId, normalized, seenAs);
      } catch (err) {
        // A host that could not be saved asks again later: forgetting it fails closed.
        report(err, conversationId, 'could not save the hosts the conversation has seen; keeping them in memory');
        const set = unsavedHosts.get(conversationId) ?? new Set<string>();
        for (const host of normalized) set.add(host);
        unsavedHosts.set(conversationId, set);
      }
    },
  };
}
