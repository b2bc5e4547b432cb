import { randomUUID } from 'node:crypto';
import { MajordomeError, ModelError, describeError } from '../errors.js';
import type { Provider } from '../llm/provider.js';
import { t } from '../messages/messages.js';
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';
import type { Logger } from '../logger.js';
import { type EgressTracker, findInstructionLikeText, hostsIn, type Policy, type TaintTracker } from '../policy/index.js';
import type { ToolRegistry } from '../tools/registry.js';
import type { ConversationRepository, HomeContext } from './deps.js';
import type { AuditWriter } from '../contracts/audit.js';
import type { ChatEventSink } from '../contracts/chat-events.js';
import type { TurnOutcome, TurnRequest } from '../contracts/turns.js';
import type { UserIdentity } from '../contracts/identity.js';
import type { Compactor } from './compactor.js';
import { closeDanglingToolUses, textOf, trimHistory } from './history.js';
import { buildDynamicPrompt, buildStablePrompt, type PromptEntity } from './system-prompt.js';
import { runToolCall, runToolCallWithOutcome, type ApprovalGate, type OutputRedactor } from './tool-runner.js';
import { chooseOfferedTools, extractPersonWords } from './tool-offer.js';
import { KeyedMutex } from './keyed-mutex.js';
import { latestImageOnly, withoutImages } from './tool-images.js';

/** Everything the agent loop depends on, passed in by main.ts. */
export interface AgentDeps {
  /** Undefined while no model key is configured. */
  provider: Provider | undefined;
  tools: ToolRegistry;
  policy: Policy;
  conversations: ConversationRepository;
  audit: AuditWriter;
  logger: Logger;
  maxSteps: number;
  language: string;
  homeContext?: () => HomeContext;
  approvals?: ApprovalGate;
  now?: () => Date;
  /** Messages of history sent to the model (older ones stay stored); used without a compactor. */
  historyLimit?: number;
  /** Fits the history into the context budget, summarising older turns (agent/compactor.ts). */
  compactor?: Pick<Compactor, 'prepare'>;
  /** Conversations that read untrusted text; their write and external calls ask (policy/taint/taint.ts). */
  taint?: TaintTracker;
  /** Conversations that read the home and the web hosts they saw (policy/taint/egress.ts). */
  egress?: EgressTracker;
  /** Hides secrets from the model, the chat and the stored history (policy/secrets.ts). */
  secrets?: OutputRedactor;
  /** The user's memories most relevant to a message, for the per-turn prompt (store/memories.ts). */
  recall?: (userId: string, text: string) => string[];
  /** The entities a message most likely means, for the turn's first request (tools/home/likely-entities.ts). */
  likelyEntities?: (text: string) => Promise<readonly PromptEntity[]>;
  /**
   * Brings what the policy reads up to date before it judges a step's tool calls: HA's exposure
   * changes without any event for entities without a registry entry (ha/exposure-reader.ts).
   */
  beforePolicy?: () => Promise<unknown>;
}

/**
 * Turns whose text no person typed: a scheduled task's prompt (the model wrote it) and an
 * automation's request (its template may carry any text). The hosts they name are not "seen".
 */
const UNTYPED_CHANNELS: ReadonlySet<string> = new Set(['task', 'ha_event']);

/** The loop: model stream → tool calls → policy → results → model …, until the model ends its turn. */
export class Agent {
  readonly #deps: AgentDeps;
  readonly #locks = new KeyedMutex();

  constructor(deps: AgentDeps) {
    this.#deps = deps;
  }

  /** Runs one turn, streaming events to `sink`; throws MajordomeError before any model call on bad requests. */
  async runTurn(request: TurnRequest, sink: ChatEventSink): Promise<TurnOutcome> {
    const conversation = this.#resolveConversation(request);
    if (request.taint) this.#deps.taint?.mark(conversation.id, request.taint);
    return this.#locks.run(conversation.id, () => this.#runLocked(request, conversation, sink));
  }

  /**
   * One tool call a person asked for directly (the panel's "Restore"), without the model: the
   * same runner as a turn's calls, so it is judged by the policy, asked for and audited alike. It
   * gets a conversation of its own, which has read nothing.
   */
  async runDirectCall(call: { tool: string; input: unknown; user: UserIdentity; channel: string; language?: string }, signal: AbortSignal): Promise<{ ok: boolean; summary: string }> {
    const conversationId = this.#deps.conversations.create({ id: randomUUID(), userId: call.user.id, channel: call.channel }).id;
    const context = { user: call.user, conversationId, channel: call.channel, signal, language: call.language ?? this.#deps.language ?? 'en' };
    let summary = '';
    const result = await runToolCall(this.#deps, { type: 'tool_use', id: `direct-${randomUUID()}`, name: call.tool, input: call.input }, context, (event) => {
      if (event.type === 'tool_result') summary = event.summary;
    });
    return { ok: result.type === 'tool_result' && result.is_error !== true, summary };
  }

  /** The likely entities for the user's words, minus any whose text reads like instructions to an AI. */
  async #likelyEntities(text: string): Promise<readonly PromptEntity[]> {
    const found = await this.#deps.likelyEntities?.(text).catch(() => []);
    return (found ?? []).filter((entity) => !findInstructionLikeText(entity));
  }

  /** The turn's conversation and the channel it started on. */
  #resolveConversation(request: TurnRequest): { id: string; channel: string } {
    const { conversations } = this.#deps;
    if (request.conversationId) {
      const existing = conversations.get(request.conversationId);
      if (existing && existing.userId !== request.user.id) {
        throw new MajordomeError('not_found', t(request.language ?? this.#deps.language, 'turn.no_conversation'));
      }
      if (existing) return { id: existing.id, channel: existing.channel };
    }
    const created = conversations.create({ id: request.conversationId ?? randomUUID(), userId: request.user.id, channel: request.channel });
    return { id: created.id, channel: request.channel };
  }

  /**
   * The names of the tools this turn offers (tool-offer.ts). Only words a person typed bring the
   * optional ones in: not a task's or an automation's text, nor anything of a task's conversation.
   */
  #offeredTools(request: TurnRequest, startedOn: string, stored: ChatMessage[], current: ChatMessage): ReadonlySet<string> {
    const said = [
      ...(UNTYPED_CHANNELS.has(startedOn) ? [] : extractPersonWords(stored)),
      ...(UNTYPED_CHANNELS.has(request.channel) ? [] : extractPersonWords([current])),
    ];
    return new Set(chooseOfferedTools(this.#deps.tools.list(), { said, history: stored }).map((tool) => tool.name));
  }

  async #runLocked(request: TurnRequest, conversation: { id: string; channel: string }, channelSink: ChatEventSink): Promise<TurnOutcome> {
    const conversationId = conversation.id;
    const { provider, conversations, audit, logger, secrets } = this.#deps;
    // English for the log and the audit; the channel words it for whoever asked (errors.ts, messageFor).
    if (!provider) throw new ModelError('model_not_configured', t('en', 'agent.no_model'), undefined, { words: (language) => t(language, 'agent.no_model') });
    // Everything a channel, the model or the stored history sees passes through the redactor.
    const sink: ChatEventSink = secrets ? (event) => channelSink(secrets.redactValue(event)) : channelSink;
    const redact = <T>(value: T): T => (secrets ? secrets.redactValue(value) : value);
    const language = request.language ?? this.#deps.language;
    const userMessage: ChatMessage = { role: 'user', content: [{ type: 'text', text: redact(request.text) }] };
    // A site the user names may be opened even after the conversation read the home (egress.ts).
    if (!UNTYPED_CHANNELS.has(request.channel)) this.#deps.egress?.addHosts(conversationId, hostsIn(request.text), 'user');
    const stored = redact(conversations.messages(conversationId));
    const turnId = randomUUID();
    const fresh: ChatMessage[] = [userMessage];
    const context = { user: request.user, conversationId, channel: request.channel, signal: request.signal, language };
    const home = this.#deps.homeContext?.() ?? {};
    const likely = redact(await this.#likelyEntities(request.text));
    // The candidates show the home's data as ha_find_entities does: a new web host then asks (egress.ts).
    if (likely.length > 0) this.#deps.egress?.markHomeRead(conversationId, 'likely entities');
    const system = buildStablePrompt(language);
    const systemDynamic = buildDynamicPrompt({
      now: (this.#deps.now ?? (() => new Date()))(),
      timeZone: home.timeZone,
      locationName: home.locationName,
      userName: request.user.displayName ?? request.user.name,
      language,
      memories: redact(this.#deps.recall?.(request.user.id, request.text) ?? []),
      likelyEntities: likely,
    });

    // The tool list starts the cached prefix: a filter of the registered order, so each variant caches.
    const offered = this.#offeredTools(request, conversation.channel, stored, userMessage);
    const tools = this.#deps.tools.specs().filter((spec) => offered.has(spec.name));
    let answer = '';
    let steps = 0;
    try {
      const history = this.#deps.compactor
        ? await this.#deps.compactor.prepare({ conversationId, stored, current: userMessage, system, systemDynamic, tools, signal: request.signal, turnId })
        : trimHistory([...stored, userMessage], this.#deps.historyLimit ?? 40);
      for (;;) {
        if (steps >= this.#deps.maxSteps) {
          answer += stepLimitNote(language, this.#deps.maxSteps);
          sink({ type: 'text', delta: stepLimitNote(language, this.#deps.maxSteps) });
          break;
        }
        steps++;
        const response = await provider.complete(
          {
            system,
            systemDynamic,
            messages: latestImageOnly([...history, ...fresh.slice(1)], provider.acceptsImages),
            tools,
            signal: request.signal,
            meter: { conversationId, turnId, purpose: 'answer' },
          },
          (event) => sink({ type: 'text', delta: event.text }),
        );
        const assistant: ChatMessage = { role: 'assistant', content: response.content };
        fresh.push(assistant);
        answer += textOf(assistant);
        const uses = response.content.filter((b): b is Extract<ContentBlock, { type: 'tool_use' }> => b.type === 'tool_use');
        if (uses.length === 0) break;
        const results: ContentBlock[] = [];
        const finals: string[] = [];
        try {
          await this.#deps.beforePolicy?.();
          for (const use of uses) {
            if (request.signal.aborted) break;
            const outcome = await runToolCallWithOutcome(this.#deps, use, context, sink, offered);
            results.push(outcome.block);
            if (outcome.finalAnswer) finals.push(outcome.finalAnswer);
          }
        } finally {
          const answered = new Set(results.map((r) => (r.type === 'tool_result' ? r.tool_use_id : '')));
          results.push(...closeDanglingToolUses(assistant, answered, 'Cancelled before it ran.'));
          fresh.push({ role: 'user', content: results });
        }
        if (request.signal.aborted) throw new MajordomeError('cancelled', 'The turn was cancelled.');
        // Every call of the step ran and HA showed each one's effect: the model's own reply ends the turn.
        const reply = verifiedReply(finals, uses.length, answer);
        if (reply) {
          sink({ type: 'text', delta: reply });
          answer += reply;
          fresh.push({ role: 'assistant', content: [{ type: 'text', text: reply.trim() }] });
          break;
        }
      }
    } catch (err) {
      conversations.appendMessages(conversationId, withoutImages(fresh));
      audit.record({ actor: request.user.id, kind: 'turn', conversationId, outcome: 'error', detail: describeError(err) });
      if (!(err instanceof MajordomeError && err.code === 'cancelled')) logger.warn({ err: describeError(err), conversationId }, 'turn failed');
      throw err;
    }
    conversations.appendMessages(conversationId, withoutImages(fresh));
    audit.record({ actor: request.user.id, kind: 'turn', conversationId, outcome: 'ok', detail: `${steps} model call(s)` });
    sink({ type: 'done', conversation_id: conversationId, text: answer });
    return { conversationId, text: answer };
  }
}

/**
 * The answer a step ends the turn with: the replies of its calls, only when every call of the
 * step offered one (each ran and was verified); spaced from what the model already said.
 */
export function verifiedReply(finals: readonly string[], calls: number, said: string): string | undefined {
  if (calls === 0 || finals.length !== calls) return undefined;
  const text = [...new Set(finals.map((f) => f.trim()))].join(' ');
  return said.trim() === '' ? text : `${/\s$/.test(said) ? '' : ' '}${text}`;
}

function stepLimitNote(language: string, maxSteps: number): string {
  return `\n${t(language, 'agent.step_limit', { steps: maxSteps })}`;
}
