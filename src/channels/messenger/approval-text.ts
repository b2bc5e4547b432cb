/** An approval as the messengers word it (Telegram, Slack): what would run and why, then how it ended. */
import { t } from '../../messages/messages.js';

/** "Approval needed: …" and, on its own line, why it needs a yes. */
export function approvalRequestText(language: string | undefined, summary: string, reason?: string): string {
  const what = t(language, 'approval.needed', { summary });
  return reason ? `${what}\n${t(language, 'approval.why', { reason })}` : what;
}

/** The approval once decided: "…: approved (Alice)". */
export function decidedApprovalText(language: string | undefined, summary: string, decision: 'approve' | 'deny' | 'expired', by: string): string {
  // Nobody decided an expired approval: the word is the reader's.
  if (decision === 'expired') return t(language, 'approval.expired', { summary, by: by === 'nobody' ? t(language, 'approval.nobody') : by });
  return t(language, decision === 'approve' ? 'approval.approved_by' : 'approval.denied_by', { summary, by });
}
