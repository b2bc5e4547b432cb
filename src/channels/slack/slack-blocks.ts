/** Block Kit for approvals: the request with Approve/Deny buttons, and the decided version without. */
import type { types } from '@slack/bolt';
import { t } from '../../messages/messages.js';
import { encodeButton } from '../messenger/approval-buttons.js';
import { approvalRequestText, decidedApprovalText } from '../messenger/approval-text.js';

/** Action ids of the two buttons (Bolt routes presses by them). */
export const APPROVE_ACTION = 'majordome_approve';
export const DENY_ACTION = 'majordome_deny';

/** One Block Kit block. */
export type Block = types.KnownBlock;

/** Slack's mrkdwn treats &, < and > specially. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The approval request: what will run, and two buttons whose value carries the approval id and a nonce. */
export function approvalBlocks(summary: string, approvalId: string, nonce: string, language?: string, reason?: string): Block[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(approvalRequestText(language, summary, reason)) } },
    {
      type: 'actions',
      block_id: `approval_${approvalId}`,
      elements: [
        { type: 'button', action_id: APPROVE_ACTION, style: 'primary', text: { type: 'plain_text', text: t(language, 'approval.approve') }, value: encodeButton({ approvalId, nonce, decision: 'approve' }) },
        { type: 'button', action_id: DENY_ACTION, style: 'danger', text: { type: 'plain_text', text: t(language, 'approval.deny') }, value: encodeButton({ approvalId, nonce, decision: 'deny' }) },
      ],
    },
  ];
}

/** The approval once decided: the buttons are gone. */
export function resolvedText(summary: string, decision: 'approve' | 'deny' | 'expired', by: string, language?: string): string {
  return decidedApprovalText(language, summary, decision, by);
}
