import type BetterSqlite3 from 'better-sqlite3';
import type { StoreOptions } from './store-options.js';

/** What is kept about one conversation's egress: the tool that first read the home, and the hosts it saw. */
export interface EgressRecord {
  homeData?: string;
  knownHosts: string[];
}

/** How a conversation came to see a host: the user wrote it, or the conversation opened it. */
export type HostSeenAs = 'user' | 'opened';

/**
 * Home reads and seen hosts per conversation (policy/taint/egress.ts), persisted so a restart neither
 * forgets that a conversation read the home nor asks again about the user's own sites. Rows go
 * with their conversation.
 */
export class EgressStore {
  private readonly now: () => Date;
  private readonly selectRead: BetterSqlite3.Statement<[string], { tool: string }>;
  private readonly selectHosts: BetterSqlite3.Statement<[string], { host: string }>;
  private readonly insertRead: BetterSqlite3.Statement<[string, string, string]>;
  private readonly insertHost: BetterSqlite3.Statement<[string, string, string, string]>;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    this.selectRead = db.prepare('SELECT tool FROM conversation_home_reads WHERE conversation_id = ?');
    this.selectHosts = db.prepare('SELECT host FROM conversation_hosts WHERE conversation_id = ? ORDER BY seen_at, host');
    this.insertRead = db.prepare('INSERT OR IGNORE INTO conversation_home_reads (conversation_id, tool, read_at) VALUES (?, ?, ?)');
    this.insertHost = db.prepare('INSERT OR IGNORE INTO conversation_hosts (conversation_id, host, seen_as, seen_at) VALUES (?, ?, ?, ?)');
  }

  get(conversationId: string): EgressRecord {
    const read = this.selectRead.get(conversationId);
    const knownHosts = this.selectHosts.all(conversationId).map((row) => row.host);
    return read ? { homeData: read.tool, knownHosts } : { knownHosts };
  }

  /** Records that the conversation read the home (the first tool is kept). */
  markHomeRead(conversationId: string, tool: string): void {
    this.insertRead.run(conversationId, tool, this.now().toISOString());
  }

  /** Records hosts the conversation has seen; one already seen keeps how it was first seen. */
  addHosts(conversationId: string, hosts: readonly string[], seenAs: HostSeenAs): void {
    const at = this.now().toISOString();
    for (const host of hosts) this.insertHost.run(conversationId, host, seenAs, at);
  }
}
