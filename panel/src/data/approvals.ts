import type { PanelApi } from './api.js';

/** Where an approval stands. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** An approval as the panel shows it. */
export interface Approval {
  id: string;
  tool: string;
  /** What will happen, in words. */
  summary: string;
  /** Why the policy asks, when the server says. */
  reason?: string;
  input: unknown;
  status: ApprovalStatus;
  conversationId?: string;
  createdAt?: string;
  expiresAt?: string;
  decidedBy?: string;
  /** False when "Always allow" cannot save a rule for it (locks, alarm panels, garage doors, gates…). */
  ruleSavable?: boolean;
}

const STATUS_ALIASES: Record<string, ApprovalStatus> = {
  pending: 'pending',
  approved: 'approved',
  approve: 'approved',
  denied: 'denied',
  deny: 'denied',
  expired: 'expired',
};

function text(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * Reads one approval view from the server. The approvals service belongs to the policy module and
 * sends its views as they are, so the usual spellings are accepted; a view without an id is skipped.
 */
export function normalizeApproval(raw: unknown): Approval | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const id = text(record, 'id', 'approval_id');
  if (!id) return undefined;
  const tool = text(record, 'tool', 'tool_name') ?? '';
  const status = STATUS_ALIASES[text(record, 'status', 'state', 'decision') ?? 'pending'] ?? 'pending';
  return {
    id,
    tool,
    summary: text(record, 'summary', 'description') ?? tool,
    reason: text(record, 'reason', 'why'),
    input: record.input,
    status,
    conversationId: text(record, 'conversation_id'),
    createdAt: text(record, 'created_at', 'requested_at'),
    expiresAt: text(record, 'expires_at'),
    decidedBy: text(record, 'decided_by', 'by'),
    ...(typeof record.rule_savable === 'boolean' && { ruleSavable: record.rule_savable }),
  };
}

/**
 * Approvals this user can see (every status unless one is given), newest first as the server sends
 * them; what and why worded in `language` (the panel's), whatever language the request was asked in.
 */
export async function listApprovals(api: PanelApi, status?: ApprovalStatus, language?: string): Promise<Approval[]> {
  const query = new URLSearchParams({ ...(status && { status }), ...(language && { language }) }).toString();
  const body = await api.fetchJson<{ approvals?: unknown[] }>(query ? `approvals?${query}` : 'approvals');
  return (body.approvals ?? []).map(normalizeApproval).filter((a): a is Approval => a !== undefined);
}

/**
 * What and why an approval card in the chat shows: the listed approval's words (worded for this
 * reader), else what the turn announced (in the language it was asked in) until the list arrives.
 */
export function approvalCardWords(announced: { summary?: string } | undefined, listed: Pick<Approval, 'summary' | 'reason'> | undefined): { summary: string; reason?: string } {
  const summary = listed?.summary ?? announced?.summary ?? '';
  return listed?.reason !== undefined ? { summary, reason: listed.reason } : { summary };
}

/** Approves or denies; returns the updated approval when the server sends one back. A refusal comes worded in `language`. */
export async function decideApproval(api: PanelApi, id: string, decision: 'approve' | 'deny', language?: string): Promise<Approval | undefined> {
  const query = language ? `?language=${encodeURIComponent(language)}` : '';
  const body = await api.fetchJson<{ approval?: unknown }>(`approvals/${encodeURIComponent(id)}${query}`, {
    method: 'POST',
    body: { decision },
  });
  return normalizeApproval(body.approval);
}
