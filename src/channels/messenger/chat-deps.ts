import type { UserIdentity } from '../../contracts/identity.js';
import type { ChatLinkStore } from '../../store/chat-links.js';
import type { ApprovalVia } from '../../store/approvals.js';

/** Deciding approvals: the service checks who may decide and throws `policy_denied` otherwise. */
export interface ApprovalDecider {
  /** A refusal (already decided, not an approver) is worded in `language`. */
  decide(id: string, decision: 'approve' | 'deny', user: UserIdentity, via?: ApprovalVia, language?: string): Promise<unknown>;
  /** How an approval ended, for a press that came too late; undefined while pending or unknown. */
  closedAnswer(id: string, language?: string): { text: string } | undefined;
}

/** Pairings and the chat ↔ conversation map (store/chat-links.ts). */
export type ChatLinks = Pick<ChatLinkStore, 'isPaired' | 'request' | 'conversationOf' | 'link'>;
