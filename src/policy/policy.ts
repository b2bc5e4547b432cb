import type { UserIdentity } from '../identity.js';
import type { ToolEffect } from '../tools/tool.js';

/** A validated tool call the agent wants to run. */
export interface ToolCallRequest {
  tool: string;
  effect: ToolEffect;
  input: unknown;
}

/** Where the call comes from, for rules that depend on it. */
export interface PolicyContext {
  user: UserIdentity;
  conversationId: string;
  channel: string;
}

/** The policy's verdict on one call. */
export interface PolicyDecision {
  effect: 'allow' | 'ask' | 'deny';
  /** Why, in words a user (and the model) can read. */
  reason: string;
}

/** Decides whether a tool call may run. */
export interface Policy {
  decide(call: ToolCallRequest, context: PolicyContext): PolicyDecision;
}

/**
 * The built-in policy until user rules and approvals exist: reads and home changes are allowed,
 * anything that can carry data out of the house is refused, since nobody can approve it yet.
 */
export function createDefaultPolicy(): Policy {
  return {
    decide(call) {
      if (call.effect === 'external') {
        return { effect: 'deny', reason: `${call.tool} can send data outside the home and needs an approval, which is not available yet.` };
      }
      return { effect: 'allow', reason: call.effect === 'read' ? 'read-only tool' : 'home action allowed by default' };
    },
  };
}
