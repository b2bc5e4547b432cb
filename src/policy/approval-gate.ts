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
  /** Majordome's data folder, named in the summary of a shell command that reads it. */
  dataDir?: string;
  /** What a call acts on right now (an area target's entities), when the tool's target can grow; see approvals.ts. */
  actsOn?: (call: { tool: string; input: unknown }) => readonly string[] | undefined;
}

/** The gate the tool runner calls for `ask` verdicts. */
export interface PolicyApprovalGate {
  request(call: { tool: string; input: unknown; reason: string }, context: PolicyContext, sink: ChatEventSink, signal: AbortSignal): Promise<ApprovalOutcome>;
  /** Why an approved call may not run any more, when what it acts on changed since it was asked; undefined when unchanged. */
  scopeChange(approvalId: string, call: { tool: string; input: unknown }): string | undefined;
  consume(approvalId: string, call: { tool: string; input: unknown }): boolean;
}

const list = (ids: readonly string[]) => (ids.length ? ids.join(', ') : 'nothing');

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
      const actsOn = deps.actsOn?.(call);
      const approval = deps.service.create({
        tool: call.tool,
        input: call.input,
        reason: call.reason,
        summary: summarizeCall(call.tool, call.input, deps.nameOf, deps.dataDir),
        requester: context.user,
        conversationId: context.conversationId,
        channel: context.channel,
        ...(actsOn && { actsOn }),
      });
      if (actsOn) scopes.set(approval.id, actsOn);
      sink({ type: 'approval_required', approval_id: approval.id, tool: approval.tool, summary: approval.summary, input: call.input });
      const outcome = await deps.service.wait(approval.id, signal);
      sink({ type: 'approval_resolved', approval_id: approval.id, decision: outcome.decision, by: outcome.by });
      if (outcome.decision !== 'approve') scopes.delete(approval.id);
      return outcome;
    },
    scopeChange(approvalId, call) {
      const approved = scopes.get(approvalId);
      const now = approved && deps.actsOn?.(call);
      if (!approved || sameList(approved, now)) return undefined;
      // Refused for good: the approval stays unused, and without its scope it can never match again.
      scopes.delete(approvalId);
      return `What this call acts on changed since it was approved (approved: ${list(approved)}; now: ${list(now ?? [])}); it was not done. Ask again.`;
    },
    consume(approvalId, call) {
      // What the call acts on now, not what was remembered: the approval's hash then proves the
      // exact scope that was approved is the one that runs.
      scopes.delete(approvalId);
      return deps.service.consume(approvalId, call.tool, call.input, deps.actsOn?.(call));
    },
  };
}
