/**
 * Connects approvals to a turn: creates the approval, tells the chat (`approval_required`), waits
 * for the decision or the turn's end, tells the chat again (`approval_resolved`). Structurally the
 * agent's ApprovalGate (src/agent/tool-runner.ts).
 */
import type { ChatEventSink } from '../agent/events.js';
import type { ApprovalOutcome, ApprovalService } from './approvals.js';
import type { EntityNamer } from './call-summary.js';
import { summarizeCall } from './call-summary.js';
import type { PolicyContext } from './policy.js';

/** What the gate needs besides the service. */
export interface ApprovalGateDeps {
  service: Pick<ApprovalService, 'create' | 'wait' | 'consume'>;
  /** Friendly entity names for the summary. */
  nameOf?: EntityNamer;
}

/** The gate the tool runner calls for `ask` verdicts. */
export interface PolicyApprovalGate {
  request(call: { tool: string; input: unknown; reason: string }, context: PolicyContext, sink: ChatEventSink, signal: AbortSignal): Promise<ApprovalOutcome>;
  consume(approvalId: string, call: { tool: string; input: unknown }): boolean;
}

/** Builds the gate. */
export function createApprovalGate(deps: ApprovalGateDeps): PolicyApprovalGate {
  return {
    async request(call, context, sink, signal) {
      const approval = deps.service.create({
        tool: call.tool,
        input: call.input,
        reason: call.reason,
        summary: summarizeCall(call.tool, call.input, deps.nameOf),
        requester: context.user,
        conversationId: context.conversationId,
        channel: context.channel,
      });
      sink({ type: 'approval_required', approval_id: approval.id, tool: approval.tool, summary: approval.summary, input: call.input });
      const outcome = await deps.service.wait(approval.id, signal);
      sink({ type: 'approval_resolved', approval_id: approval.id, decision: outcome.decision, by: outcome.by });
      return outcome;
    },
    consume(approvalId, call) {
      return deps.service.consume(approvalId, call.tool, call.input);
    },
  };
}
