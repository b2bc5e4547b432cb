import type { ApprovalRecord, ApprovalState, ApprovalVia } from '../../store/approvals.js';

/** An approval as clients see it (`GET /api/approvals`, socket pushes); snake_case like every wire shape. */
export interface ApprovalView {
  id: string;
  status: ApprovalState;
  tool: string;
  summary: string;
  reason: string;
  input: unknown;
  requester_id: string;
  requester_name?: string;
  conversation_id?: string;
  channel: string;
  created_at: string;
  expires_at: string;
  decided_at?: string;
  /** Who decided, in words (display name, else user id); `nobody` when it expired. */
  decided_by?: string;
  decided_by_id?: string;
  /** Where it was decided: `panel`, `phone`, `api` (a bearer-token client), `telegram`, `slack`, or `system` (it expired). */
  decided_via?: ApprovalVia;
  note?: string;
  /** Whether the user this view was made for may approve it now. */
  can_approve?: boolean;
}

/** The wire view of a stored approval; `words`: what and why for the reader, when not the stored ones. */
export function toApprovalView(record: ApprovalRecord, canApprove?: boolean, words?: Pick<ApprovalView, 'summary' | 'reason'>): ApprovalView {
  const view: ApprovalView = {
    id: record.id,
    status: record.status,
    tool: record.tool,
    summary: words?.summary ?? record.summary,
    reason: words?.reason ?? record.reason,
    input: record.input,
    requester_id: record.requesterId,
    channel: record.channel,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
  };
  if (record.requesterName !== undefined) view.requester_name = record.requesterName;
  if (record.conversationId !== undefined) view.conversation_id = record.conversationId;
  if (record.decidedAt !== undefined) view.decided_at = record.decidedAt;
  if (record.status !== 'pending') view.decided_by = deciderName(record);
  if (record.decidedBy !== undefined) view.decided_by_id = record.decidedBy;
  if (record.decidedVia !== undefined) view.decided_via = record.decidedVia;
  if (record.decisionNote !== undefined) view.note = record.decisionNote;
  if (canApprove !== undefined) view.can_approve = canApprove && record.status === 'pending';
  return view;
}

/** The outcome word of the chat event `approval_resolved`. */
export function outcomeOf(status: Exclude<ApprovalState, 'pending'>): 'approve' | 'deny' | 'expired' {
  return status === 'approved' ? 'approve' : status === 'denied' ? 'deny' : 'expired';
}

/** Who decided, in words for the chat and the model. */
export function deciderName(record: ApprovalRecord): string {
  if (record.status === 'expired') return 'nobody';
  return record.decidedByName ?? record.decidedBy ?? 'someone';
}
