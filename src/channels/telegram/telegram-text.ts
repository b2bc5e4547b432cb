/** What the Telegram bot says on its own (the agent's answers are the model's words), from the server's message table. */
import { t } from '../../messages/messages.js';
import { approvalRequestText, decidedApprovalText } from '../messenger/approval-text.js';

/** The bot's words in `language` (a BCP 47 tag; English when there is no table for it). */
export function telegramText(language: string | undefined) {
  return {
    pairing: (code: string) => t(language, 'telegram.pairing', { code }),
    paired: t(language, 'telegram.paired'),
    noAnswer: t(language, 'messenger.no_answer'),
    failed: t(language, 'messenger.failed'),
    approvalNeeded: (summary: string, reason?: string) => approvalRequestText(language, summary, reason),
    approve: t(language, 'approval.approve'),
    deny: t(language, 'approval.deny'),
    resolved: (summary: string, decision: 'approve' | 'deny' | 'expired', by: string) => decidedApprovalText(language, summary, decision, by),
    staleButton: t(language, 'messenger.stale_button'),
    approved: t(language, 'messenger.approved'),
    denied: t(language, 'messenger.denied'),
  } as const;
}
