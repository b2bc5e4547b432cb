/**
 * Taint: once a conversation has read text written by someone else (a mail, a web page, shell
 * output, a calendar invite), that text may be steering the model. From then on every write or
 * external call of the conversation asks a person, even one a rule allows, until the user starts
 * a new conversation. The decision is pure (`applyTaint`); the tracker remembers tainted
 * conversations through a store so a restart does not forget them.
 */
import type { Logger } from '../../logger.js';
import { t } from '../../messages/messages.js';
import { wordIn, type Wording } from '../../messages/wording.js';
import type { ToolAnnotations, ToolCallDescription, ToolResult } from '../../tools/tool.js';

/** What tainted a conversation, as the policy sees it. */
export interface Taint {
  /** Finishes "after reading …": "a mail from anna@example.com". */
  source: string;
}

/** The parts of a verdict taint looks at (structurally policy.ts's PolicyDecision). */
interface Verdict {
  effect: 'allow' | 'ask' | 'deny';
  reason: string;
  reasonWords?: Wording;
  rule?: string;
}

/** Why a tainted conversation asks, before it is put in a language (the source stays as it was written). */
function taintWords(taint: Taint): Wording {
  return { key: 'policy.taint', params: { source: taint.source } };
}

/** The sentence an approval shows for a tainted conversation. */
export function taintReason(taint: Taint, language?: string): string {
  return wordIn(language, taintWords(taint));
}

/**
 * The verdict once taint is considered: a call that is not read-only (as its tool declares it,
 * tools/describe-call.ts) and would be allowed asks instead; one that already asks says why taint
 * matters too; a refusal stays a refusal.
 */
export function applyTaint<V extends Verdict>(
  verdict: V,
  annotations: Pick<ToolAnnotations, 'readOnly'>,
  taint: Taint | undefined,
  language?: string,
): V | Verdict {
  if (!taint || verdict.effect === 'deny' || annotations.readOnly === true) return verdict;
  if (verdict.effect === 'ask') {
    const words: Wording = { key: 'policy.also', params: { reason: verdict.reasonWords ?? verdict.reason, more: taintWords(taint) } };
    return { ...verdict, reason: wordIn(language, words), reasonWords: words };
  }
  return { effect: 'ask', reason: taintReason(taint, language), reasonWords: taintWords(taint), rule: 'taint' };
}

/** "after reading …" for a result: the tool's own words, else the tool's name and the first entity it declared, in `language`. */
export function taintSourceOf(tool: string, description: Pick<ToolCallDescription, 'facts'>, result: Pick<ToolResult, 'taintSource'>, language?: string): string {
  if (result.taintSource?.trim()) return result.taintSource.trim().slice(0, 160);
  const { base, groups } = description.facts;
  const entity = [base, ...groups.flat()].map((record) => record['entity_id']).find((id) => id !== undefined);
  return entity ? t(language, 'taint.tool_output_for', { tool, entity }) : t(language, 'taint.tool_output', { tool });
}

/** Reads and records taint per conversation (the tool runner's view). */
export interface TaintTracker {
  get(conversationId: string): Taint | undefined;
  mark(conversationId: string, taint: { source: string; tool: string }): void;
}

/** Where taint is persisted (src/store/taint.ts implements it). */
export interface TaintRecords {
  get(conversationId: string): { source: string } | undefined;
  mark(conversationId: string, taint: { source: string; tool: string }): unknown;
}

/**
 * The tracker over a store. It fails closed: when the store cannot record a taint (database
 * trouble, a conversation that is not stored), the taint is kept in memory for this process.
 */
export function createTaintTracker(store: TaintRecords, logger?: Pick<Logger, 'error'>): TaintTracker {
  const unsaved = new Map<string, Taint>();
  return {
    get(conversationId) {
      const kept = unsaved.get(conversationId);
      if (kept) return kept;
      try {
        const record = store.get(conversationId);
        return record ? { source: record.source } : undefined;
      } catch (err) {
        logger?.error({ err: err instanceof Error ? err.message : String(err), conversationId }, 'could not read taint; treating the conversation as tainted');
        return { source: 'something Majordome could not check' };
      }
    },
    mark(conversationId, taint) {
      try {
        store.mark(conversationId, taint);
      } catch (err) {
        logger?.error({ err: err instanceof Error ? err.message : String(err), conversationId }, 'could not save taint; keeping it in memory');
        if (!unsaved.has(conversationId)) unsaved.set(conversationId, { source: taint.source });
      }
    },
  };
}
