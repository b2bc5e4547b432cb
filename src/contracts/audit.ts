/** The audit row, one shape for its writers (agent, policy), its store and its readers (HTTP). */

/** What an audit row records. */
export type AuditKind = 'tool_call' | 'decision' | 'approval' | 'turn' | 'auth' | 'config';

/** One audit row: who did what, through which tool, with what decision and outcome. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  kind: AuditKind;
  tool?: string;
  input?: unknown;
  decision?: string;
  outcome?: string;
  conversationId?: string;
  detail?: string;
}

/** What a writer gives: a row without its id; the time defaults to now. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

/** Anything that records audit rows (the AuditLog, or a wrapper that redacts first). */
export interface AuditWriter {
  record(entry: AuditInput): unknown;
}
