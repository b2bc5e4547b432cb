import type { z } from 'zod';
import { describeError } from '../errors.js';
import { t } from '../messages/messages.js';
import type { Wording } from '../messages/wording.js';
import type { ContentBlock } from '../contracts/messages.js';
import { type EgressTracker, findInstructionLikeText, type Policy, type PolicyContext, taintSourceOf, type TaintTracker } from '../policy/index.js';
import { describeCall } from '../tools/describe-call.js';
import type { ToolRegistry } from '../tools/registry.js';
import type { ToolCallDescription, ToolContext, ToolResult, ToolStatus } from '../tools/tool.js';
import type { AuditWriter } from '../contracts/audit.js';
import type { ChatEventSink } from '../contracts/chat-events.js';
import { wrapUntrusted } from './untrusted-text.js';

/** A call handed to the approval gate: its tool, parsed input, and what the tool declares about it. */
export interface DescribedCall {
  tool: string;
  input: unknown;
  description: ToolCallDescription;
}

/** Asks a person to approve one exact call; resolves with their decision. */
export interface ApprovalGate {
  request(
    call: DescribedCall & { reason: string; reasonWords?: Wording | undefined },
    context: PolicyContext,
    sink: ChatEventSink,
    signal: AbortSignal,
  ): Promise<{ decision: 'approve' | 'deny' | 'expired'; by: string; approvalId?: string }>;
  /** What the approved call acted on and acts on now, when that changed since it was asked (it may not run); undefined when it may. */
  scopeChange?(approvalId: string, call: DescribedCall): { approved: readonly string[]; now: readonly string[] } | undefined;
  /**
   * Right before execute: true only if `approvalId` was approved for exactly this call (same
   * tool, same canonical input, same scope) and not used before; uses it up.
   */
  consume?(approvalId: string, call: DescribedCall): boolean;
}

/** What one tool call needs beyond the call itself. */
export interface ToolRunnerDeps {
  tools: ToolRegistry;
  policy: Policy;
  audit: AuditWriter;
  approvals?: ApprovalGate;
  /** Remembers conversations that read untrusted text; their write and external calls then ask. */
  taint?: TaintTracker;
  /** Remembers conversations that read the home and the web hosts they saw; a new host then asks. */
  egress?: EgressTracker;
  /** Hides secrets in tool output before the model, the chat or the audit log sees it. */
  secrets?: OutputRedactor;
}

/** What the runner needs to hide secrets (src/policy/secrets.ts's SecretRedactor fits). */
export interface OutputRedactor {
  redactText(text: string): string;
  redactValue<T>(value: T): T;
}

type ToolUse = Extract<ContentBlock, { type: 'tool_use' }>;
type ToolResultBlock = Extract<ContentBlock, { type: 'tool_result' }>;

/** A call that ran: the result for the model, and the turn's final answer when the call verified its own. */
export interface ToolCallOutcome {
  block: ToolResultBlock;
  /** Set only when the call ran (after any approval) and its tool verified the effect (ToolResult.finalAnswer). */
  finalAnswer?: string;
}

/**
 * Runs one tool_use: validate → precheck → describe → policy → (approval) → execute. Every failure becomes an is_error
 * result for the model, never an exception, so one bad call does not end the turn.
 */
export async function runToolCall(
  deps: ToolRunnerDeps,
  use: ToolUse,
  context: ToolContext & PolicyContext,
  sink: ChatEventSink,
): Promise<ToolResultBlock> {
  return (await runToolCallWithOutcome(deps, use, context, sink)).block;
}

/**
 * runToolCall, with the final answer a verified call offers to end the turn with. `offered`: the
 * names of the tools the turn offered the model; a call of any other is refused as unknown (the
 * model was not shown it, so only text it read can have named it).
 */
export async function runToolCallWithOutcome(
  deps: ToolRunnerDeps,
  use: ToolUse,
  context: ToolContext & PolicyContext,
  sink: ChatEventSink,
  offered?: ReadonlySet<string>,
): Promise<ToolCallOutcome> {
  const actor = context.user.id;
  const finish = (raw: ToolResult, decision: string): ToolCallOutcome => {
    const result = deps.secrets ? { ...raw, output: deps.secrets.redactValue(raw.output), summary: deps.secrets.redactText(raw.summary) } : raw;
    sink({ type: 'tool_result', id: use.id, ok: result.ok, summary: result.summary });
    deps.audit.record({
      actor,
      kind: 'tool_call',
      tool: use.name,
      input: use.input,
      decision,
      outcome: result.ok ? 'ok' : 'error',
      conversationId: context.conversationId,
      detail: result.summary,
    });
    const block: ToolResultBlock = {
      type: 'tool_result',
      tool_use_id: use.id,
      content: serializeOutput(result),
      ...(result.ok ? {} : { is_error: true }),
      // Stored for the panel's history; the providers' request builders leave it out.
      ...(result.summary ? { summary: result.summary } : {}),
      ...(result.image ? { image: { media_type: result.image.mediaType, data: result.image.data.toString('base64') } } : {}),
    };
    const finalAnswer = result.ok && result.finalAnswer ? (deps.secrets?.redactText(result.finalAnswer) ?? result.finalAnswer) : undefined;
    return finalAnswer ? { block, finalAnswer } : { block };
  };

  sink({ type: 'tool_call', id: use.id, name: use.name, input: use.input });
  const tool = offered && !offered.has(use.name) ? undefined : deps.tools.get(use.name);
  const { language } = context;
  if (!tool) return finish(failure(`Unknown tool "${use.name}".`, t(language, 'tool.unknown', { tool: use.name })), 'invalid');

  const parsed = tool.input.safeParse(use.input ?? {});
  if (!parsed.success) {
    // The field names and zod's words stay: the model wrote them, and they say what to fix.
    const error = formatZodError(parsed.error);
    return finish(failure(`Invalid input for ${use.name}: ${error}`, t(language, 'tool.invalid_input', { tool: use.name, error })), 'invalid');
  }
  await tool.prepare?.(parsed.data, context.language).catch(() => undefined);
  // A typo (an entity HA does not have) is the model's to fix, not a policy matter.
  const problem = tool.precheck?.(parsed.data, context.language);
  if (problem !== undefined) return finish(typeof problem === 'string' ? failure(problem) : failure(problem.message, problem.summary), 'invalid');

  const tainted = deps.taint?.get(context.conversationId);
  const egress = deps.egress?.get(context.conversationId);
  const policyContext = { ...context, ...(tainted && { tainted }), ...(egress && { egress }) };
  const description = describeCall(tool, parsed.data, context.language);
  const verdict = deps.policy.decide({ tool: tool.name, effect: tool.effect, input: parsed.data, description }, policyContext);
  if (verdict.effect === 'deny') return finish(failure(`Refused by policy: ${verdict.reason}`, t(language, 'tool.refused', { reason: verdict.reason })), 'deny');
  let decidedBy = 'policy';
  if (verdict.effect === 'ask') {
    if (!deps.approvals) return finish(failure(`Needs approval, which is not available: ${verdict.reason}`, t(language, 'tool.no_approvals', { reason: verdict.reason })), 'deny');
    const asked = { tool: tool.name, input: parsed.data, description, reason: verdict.reason, reasonWords: verdict.reasonWords };
    const answer = await deps.approvals.request(asked, policyContext, sink, context.signal);
    if (answer.decision !== 'approve') {
      const refused =
        answer.decision === 'expired'
          ? failure('Nobody approved this in time; it was not done.', t(language, 'tool.expired'))
          : failure(`Denied by ${answer.by}; it was not done.`, t(language, 'tool.denied', { by: answer.by }));
      return finish(refused, answer.decision);
    }
    decidedBy = `approved by ${answer.by}`;
    // Described again: what the call acts on now (an area that grew while the approval waited).
    const now = { tool: tool.name, input: parsed.data, description: describeCall(tool, parsed.data, context.language) };
    const changed = answer.approvalId !== undefined ? deps.approvals.scopeChange?.(answer.approvalId, now) : undefined;
    if (changed) return finish(scopeChanged(changed, language), 'deny');
    if (answer.approvalId !== undefined && deps.approvals.consume && !deps.approvals.consume(answer.approvalId, now)) {
      return finish(failure('The approval does not match this exact call (or was already used); it was not done.', t(language, 'tool.approval_mismatch')), 'deny');
    }
  }

  try {
    const status = (s: ToolStatus): void => sink({ type: 'status', id: use.id, status: s });
    const result = markUntrusted(tool.name, await tool.execute(parsed.data, { ...policyContext, status }), tool.untrusted === true, context.language);
    if (result.untrusted) deps.taint?.mark(context.conversationId, { source: taintSourceOf(tool.name, description, result, context.language), tool: tool.name });
    if (result.ok) recordEgress(deps.egress, context.conversationId, tool.name, result, tool.homeData === true);
    return finish(result, decidedBy === 'policy' ? 'allow' : decidedBy);
  } catch (err) {
    return finish(failure(describeError(err)), 'allow');
  }
}

/**
 * Untrusted when the tool says so, or when its usually plain output (names, attributes) holds
 * text that reads like instructions to an AI (instruction-scan.ts); the source is named in `language`.
 */
function markUntrusted(tool: string, result: ToolResult, toolIsUntrusted: boolean, language: string): ToolResult {
  if (toolIsUntrusted || result.untrusted) return { ...result, untrusted: true };
  const hit = findInstructionLikeText(result.output);
  return hit ? { ...result, untrusted: true, taintSource: t(language, 'taint.instructions', { where: hit.where, tool }) } : result;
}

/** What the egress guard learns from a call that ran: the home was read, a host was opened. */
function recordEgress(egress: EgressTracker | undefined, conversationId: string, tool: string, result: ToolResult, toolShowsHome: boolean): void {
  if (toolShowsHome || result.homeData) egress?.markHomeRead(conversationId, tool);
  if (result.openedHost) egress?.addHosts(conversationId, [result.openedHost], 'opened');
}

/** A call that did not run: the model reads `message`; the person's card shows `summary` (in their language when worded). */
function failure(message: string, summary = message): ToolResult {
  return { ok: false, output: { error: message }, summary };
}

/** An approved call whose scope changed while it waited: the model reads English, the person `language`. */
function scopeChanged(change: { approved: readonly string[]; now: readonly string[] }, language: string): ToolResult {
  const list = (ids: readonly string[], nothing: string) => (ids.length ? ids.join(', ') : nothing);
  return failure(
    `What this call acts on changed since it was approved (approved: ${list(change.approved, 'nothing')}; now: ${list(change.now, 'nothing')}); it was not done. Ask again.`,
    t(language, 'tool.scope_changed', { approved: list(change.approved, t(language, 'words.nothing')), now: list(change.now, t(language, 'words.nothing')) }),
  );
}

/** Tool output as the model reads it: strings as-is, everything else as compact JSON. */
export function serializeOutput(result: ToolResult): string {
  const body = typeof result.output === 'string' ? result.output : JSON.stringify(result.output ?? null);
  return result.untrusted ? wrapUntrusted(body) : body;
}

/** One line per problem, naming the field, so the model can fix its call. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
