/** What the Telegram bot says on its own (the agent's answers are the model's words). */
export const TELEGRAM_TEXT = {
  pairing: (code: string) =>
    `This chat is not allowed to talk to Majordome yet. Ask a Home Assistant administrator to confirm this code in the Majordome panel (Status → Messenger pairings): ${code}`,
  paired: 'This chat may now talk to Majordome.',
  noAnswer: '(no answer)',
  failed: 'Something went wrong; the details are in the Majordome log.',
  approvalNeeded: (summary: string) => `Approval needed: ${summary}`,
  approve: 'Approve',
  deny: 'Deny',
  resolved: (summary: string, decision: string, by: string) => `${summary}: ${decision === 'approve' ? 'approved' : decision === 'deny' ? 'denied' : 'expired'} (${by})`,
  staleButton: 'This button is no longer valid.',
  approved: 'Approved.',
  denied: 'Denied.',
} as const;
