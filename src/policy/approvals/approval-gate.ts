/**
 * Connects approvals to a turn: creates the approval, tells the chat (`approval_required`), waits
 * for the decision or the turn's end, tells the chat again (`approval_resolved`). Structurally the
 * agent's ApprovalGate (src/agent/tool-runner.ts). What the approval shows and binds to comes from
 * the call's description (its tool's declaration, tools/describe-call.ts).
 */
import type { ChatEventSink } from '../../contracts/chat-events.js';
import type { Wording } from '../../messages/wording.js';
import type { ToolCallDescription } from '../../tools/tool.js';
import type { ApprovalOutcome, ApprovalService } from './approvals.js';
import type { PolicyContext } from '../policy.js';

/** What the gate needs besides the service. */
export interface ApprovalGateDeps {
  service: Pick<ApprovalService, 'create' | 'wait' | 'consume'>;
}

/** A call as the gate sees it: its tool, its parsed input and what the tool declares about it. */
export interface GatedCall {
  tool: string;
  input: unknown;
  description: Pick<ToolCallDescription, 'summary' | 'actsOn'>;
}

/** The gate the tool runner calls for `ask` verdicts. */
export interface PolicyApprovalGate {
  /** `reasonWords`: the policy's reason before it was worded, so each approver reads it in their own language. */
  request(call: GatedCall & { reason: string; reasonWords?: Wording | undefined }, context: PolicyContext, sink: ChatEventSink, signal: AbortSignal): Promise<ApprovalOutcome>;
  /** What an approved call acted on when asked and acts on now, when that changed (it may not run any more); undefined when unchanged. */
  scopeChange(approvalId: string, call: GatedCall): ScopeChange | undefined;
  consume(approvalId: string, call: GatedCall): boolean;
}

/** What an approved call acted on when it was asked, and what it acts on now. */
export interface ScopeChange {
  approved: readonly string[];
  now: readonly string[];
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i]));
}

/** Builds the gate. */
export function createApprovalGate(deps: ApprovalGateDeps): PolicyApprovalGate {
  // What each approval's call acted on when asked, to say what changed (the approval's hash binds it
  // too); approvals do not outlive the process, nor this.
  const scopes = new Map<string, readonly string[]>();
  return {
    async request(call, context, sink, signal) {
      const { actsOn, summary } = call.description;
      const approval = deps.service.create({
        tool: call.tool,
        input: call.input,
        reason: call.reason,
        ...(call.reasonWords !== undefined && { reasonWords: call.reasonWords }),
        summary,
        requester: context.user,
        conversationId: context.conversationId,
        channel: context.channel,
        ...(actsOn && { actsOn }),
        ...(context.language !== undefined && { language: context.language }),
      });
      if (actsOn) scopes.set(approval.id, actsOn);
      sink({ type: 'approval_required', approval_id: approval.id, tool: approval.tool, summary: approval.summary, reason: approval.reason, input: call.input });
      const outcome = await deps.service.wait(approval.id, signal);
      sink({ type: 'approval_resolved', approval_id: approval.id, decision: outcome.decision, by: outcome.by });
      if (outcome.decision !== 'approve') scopes.delete(approval.id);
      return outcome;
    },
    scopeChange(approvalId, call) {
      const approved = scopes.get(approvalId);
      const now = approved && call.description.actsOn;
      if (!approved || sameList(approved, now)) return undefined;
      // Refused for good: the approval stays unused, and without its scope it can never match again.
      scopes.delete(approvalId);
      return { approved, now: now ?? [] };
    },
    consume(approvalId, call) {
      // What the call acts on now, not what was remembered: the approval's hash then proves the
      // exact scope that was approved is the one that runs.
      scopes.delete(approvalId);
      return deps.service.consume(approvalId, call.tool, call.input, call.description.actsOn);
    },
  };
}
