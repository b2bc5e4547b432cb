/**
 * Keeps what a turn sends to the model under the context budget. When the history would not fit,
 * the older turns are summarised by the model itself (a separate request through the same
 * provider, so it is metered and budgeted too) and the summary is stored, so later turns start
 * from it; the full history stays stored for the panel.
 */
import { MajordomeError, describeError } from '../errors.js';
import type { Provider, ToolSpec } from '../llm/provider.js';
import type { ChatMessage } from '../contracts/messages.js';
import type { Logger } from '../logger.js';
import {
  SUMMARY_SYSTEM,
  capSummary,
  chooseCut,
  chunkLines,
  compactionLimits,
  estimateFixedTokens,
  estimateTokens,
  shortenOldToolResults,
  summaryMessage,
  summaryPrompt,
  transcriptLines,
  type CompactionLimits,
  type StoredSummary,
} from './compaction.js';

/** Where summaries are kept, one per conversation. */
export interface SummaryStore {
  get(conversationId: string): StoredSummary | undefined;
  save(conversationId: string, summary: StoredSummary, model: string): void;
}

/** What the compactor needs. */
export interface CompactorDeps {
  provider: Provider;
  summaries: SummaryStore;
  /** The context budget in tokens. */
  maxTokens: number;
  logger?: Logger | undefined;
}

/** One turn's history to fit. */
export interface CompactionInput {
  conversationId: string;
  /** Every stored message, oldest first. */
  stored: ChatMessage[];
  /** The user's new message. */
  current: ChatMessage;
  system: string;
  systemDynamic?: string | undefined;
  tools: ToolSpec[];
  signal: AbortSignal;
  turnId?: string | undefined;
}

/** Fits histories into the context budget. */
export class Compactor {
  readonly #deps: CompactorDeps;
  readonly #limits: CompactionLimits;

  constructor(deps: CompactorDeps) {
    this.#deps = deps;
    this.#limits = compactionLimits(deps.maxTokens);
  }

  /** The messages to send: the stored summary and what follows it, compacted first when too big. */
  async prepare(input: CompactionInput): Promise<ChatMessage[]> {
    const limits = this.#limits;
    const all = [...input.stored, input.current];
    const saved = this.#deps.summaries.get(input.conversationId);
    const summary = saved && saved.covered <= input.stored.length ? saved : undefined;
    const covered = summary?.covered ?? 0;
    const fixed = estimateFixedTokens(input.system, input.systemDynamic, input.tools);
    const view = shortenOldToolResults(all, limits.toolResultChars);
    const withSummary = (from: number, text: string | undefined) => [...(text ? [summaryMessage(text)] : []), ...view.slice(from)];

    const current = withSummary(covered, summary?.text);
    if (fixed + estimateTokens(current) <= limits.maxTokens * limits.triggerRatio) return current;

    const keepTokens = Math.max(0, limits.maxTokens * limits.keepRatio - fixed);
    const cut = chooseCut(view, covered, keepTokens);
    if (cut <= covered) return current;
    try {
      const text = await this.#summarise(summary?.text, view.slice(covered, cut), input);
      this.#deps.summaries.save(input.conversationId, { covered: cut, text }, this.#deps.provider.model);
      this.#deps.logger?.info({ conversationId: input.conversationId, covered: cut }, 'conversation compacted');
      return withSummary(cut, text);
    } catch (err) {
      if (err instanceof MajordomeError && (err.code === 'cancelled' || err.code === 'budget_reached')) throw err;
      // Without a new summary the turn still goes on: the oldest turns are left out this time.
      this.#deps.logger?.warn({ err: describeError(err), conversationId: input.conversationId }, 'compaction failed; older turns left out');
      return withSummary(cut, summary?.text);
    }
  }

  /** The summary so far merged with `messages`, chunk by chunk when they are too long for one request. */
  async #summarise(previous: string | undefined, messages: ChatMessage[], input: CompactionInput): Promise<string> {
    const maxSummary = Math.min(2000, Math.max(200, Math.floor(this.#limits.maxTokens * 0.1)));
    const system = SUMMARY_SYSTEM.replace('{words}', String(Math.round(maxSummary * 0.7)));
    const room = Math.floor(this.#limits.maxTokens * 0.5) - maxSummary - estimateTokens(system);
    let text = previous;
    for (const chunk of chunkLines(transcriptLines(messages), Math.max(2000, room * 4))) {
      const response = await this.#deps.provider.complete({
        system,
        messages: [{ role: 'user', content: [{ type: 'text', text: summaryPrompt(text, chunk) }] }],
        tools: [],
        signal: input.signal,
        meter: { conversationId: input.conversationId, ...(input.turnId !== undefined && { turnId: input.turnId }), purpose: 'summary' },
      });
      const answer = response.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
      if (answer.trim()) text = capSummary(answer, maxSummary);
    }
    return text ?? '';
  }
}
