/** A turn as channels, tasks and automations ask the agent for one. */
import type { ChatEventSink } from './chat-events.js';
import type { UserIdentity } from './identity.js';

/** One user message to answer. */
export interface TurnRequest {
  text: string;
  conversationId?: string;
  user: UserIdentity;
  /** `http`, `socket`, `wyoming`, `ha_event`, … */
  channel: string;
  signal: AbortSignal;
  language?: string;
  /**
   * Taints the conversation before the model reads anything: the turn carries someone else's text
   * of its own (a task's trigger data) or runs for a task scheduled in a tainted conversation.
   */
  taint?: { source: string; tool: string };
}

/** The end of a turn. */
export interface TurnOutcome {
  conversationId: string;
  text: string;
}

/** The agent as every caller of a turn sees it (channels, the task scheduler, HA events). */
export interface TurnRunner {
  runTurn(request: TurnRequest, sink: ChatEventSink): Promise<TurnOutcome>;
}
