import type { TurnOutcome, TurnRequest } from '../../agent/agent.js';
import type { ChatEventSink } from '../../agent/events.js';
import type { UserIdentity } from '../../identity.js';
import type { ChatLinkStore } from '../../store/chat-links.js';
import type { ApprovalVia } from '../../store/approvals.js';

/** The agent, as a messenger channel sees it. */
export interface ChatTurnRunner {
  runTurn(request: TurnRequest, sink: ChatEventSink): Promise<TurnOutcome>;
}

/** Deciding approvals: the service checks who may decide and throws `policy_denied` otherwise. */
export interface ApprovalDecider {
  decide(id: string, decision: 'approve' | 'deny', user: UserIdentity, via?: ApprovalVia): Promise<unknown>;
  /** How an approval ended, for a press that came too late; undefined while pending or unknown. */
  closedAnswer(id: string, language?: string): { text: string } | undefined;
}

/** Pairings and the chat ↔ conversation map (store/chat-links.ts). */
export type ChatLinks = Pick<ChatLinkStore, 'isPaired' | 'request' | 'conversationOf' | 'link'>;
