/**
 * Approvals: one per risky call, persisted, bound to the call's hash, decided by an approver (or
 * withdrawn by the requester), expiring as denied. This is the state machine; approval-gate.ts
 * connects it to a turn, and the HTTP channel uses `list`/`decide` directly.
 */
import { MajordomeError } from '../../errors.js';
import { t } from '../../messages/messages.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { EventEmitter } from '../../events/bus.js';
import type { Logger } from '../../logger.js';
import type { ApprovalDecision, ApprovalListOptions, ApprovalRecord, ApprovalState, ApprovalStore, ApprovalVia, NewApproval } from '../../store/approvals.js';
import { mayDecide } from './approvers.js';
import { deciderName, outcomeOf, toApprovalView, type ApprovalView } from './approval-view.js';
import { canonicalJson } from '../facts/canonical-json.js';
import { bindingHash } from './binding-hash.js';
import { approvalWordsIn, type DescribeStoredCall } from './approval-words.js';
import type { Wording } from '../../messages/wording.js';
import type { AuditWriter } from '../../contracts/audit.js';

/** How an approval ended, as the agent sees it. */
export interface ApprovalOutcome {
  approvalId: string;
  decision: 'approve' | 'deny' | 'expired';
  by: string;
}

/** Why an approval can no longer be decided, in words for whoever tried: what it was for, and how it ended. */
export interface ClosedApproval {
  summary: string;
  text: string;
}

/** Announced whenever an approval is created or decided. */
export interface ApprovalChange {
  approval: ApprovalView;
  requesterId: string;
  /** The asking person's language, on a new approval: its summary and reason are worded in it, and so is what the phones show. */
  language?: string;
}

/** What the approvals announce on the bus. */
export interface ApprovalEvents {
  /** An approval was created, decided, withdrawn or expired (panels refetch, phones notify or clear). */
  'approvals.changed': ApprovalChange;
}

/** Collaborators of the service. */
export interface ApprovalServiceDeps {
  store: Pick<ApprovalStore, 'create' | 'get' | 'list' | 'pending' | 'decide' | 'consume'>;
  audit: AuditWriter;
  /** HA admin or listed approver (see approvers.ts), as last known: what lists show. */
  canApprove(user: UserIdentity): Promise<boolean>;
  /** The same, asked of HA at the moment of a decision; throws when HA cannot say (approvers.ts). */
  canApproveNow(user: UserIdentity): Promise<boolean>;
  /** How long a pending approval waits before it expires as denied. */
  timeoutMs: number;
  /** Where changes are announced (`approvals.changed`): the bus the composition root hands out. */
  events: EventEmitter<ApprovalEvents>;
  /**
   * A stored call described again by its tool in a reader's language (the tool registry): each
   * approver reads the summary in theirs. Without it, everyone reads the requester's words.
   */
  describe?: DescribeStoredCall;
  now?: () => Date;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

/** A new approval request. */
export interface ApprovalRequest {
  tool: string;
  input: unknown;
  reason: string;
  summary: string;
  requester: UserIdentity;
  conversationId?: string;
  channel: string;
  /**
   * What the call acts on when it is asked (an area target's entities, sorted): the approval binds
   * to it too, so the same input acting on more or other things later is not approved.
   */
  actsOn?: readonly string[];
  /** The asking person's language (a BCP 47 tag), in which `summary` and `reason` are worded. */
  language?: string;
  /** The policy's reason before it was worded (PolicyDecision.reasonWords): approvers read it in their own language. */
  reasonWords?: Wording;
}

interface Waiter {
  resolve(outcome: ApprovalOutcome): void;
}

const STATUS_OF = { approve: 'approved', deny: 'denied' } as const;

/** Where a decision made over HTTP comes from: the ingress panel, or a bearer-token client. */
export function viaOf(user: UserIdentity): ApprovalVia {
  return user.via === 'ingress' ? 'panel' : 'api';
}

function outcomeFor(record: ApprovalRecord): ApprovalOutcome | undefined {
  if (record.status === 'pending') return undefined;
  return { approvalId: record.id, decision: outcomeOf(record.status), by: deciderName(record) };
}

/** The approvals state machine; `start()` sweeps what a previous run left pending, `stop()` clears timers. */
export class ApprovalService {
  readonly #deps: ApprovalServiceDeps;
  readonly #now: () => Date;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #waiters = new Map<string, Waiter[]>();
  #stopped = false;

  constructor(deps: ApprovalServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Reports every approval a previous run left pending as expired: its turn is gone (turns do not
   * survive a restart), and those past their deadline would have expired anyway.
   */
  start(): void {
    this.#stopped = false;
    for (const record of this.#deps.store.pending()) {
      const late = Date.parse(record.expiresAt) <= this.#now().getTime();
      this.#finish(record.id, {
        status: 'expired',
        via: 'system',
        note: t('en', late ? 'approval.note_timeout' : 'approval.note_restart'),
      });
    }
  }

  /**
   * Clears the expiry timers and forgets waiting turns; pending approvals stay pending in the store
   * for the next start() to report, and nothing touches the store any more (it may close next).
   */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#waiters.clear();
  }

  /** Persists a pending approval bound to this exact call, and arms its expiry. */
  create(request: ApprovalRequest): ApprovalRecord {
    const fresh: NewApproval = {
      tool: request.tool,
      inputJson: canonicalJson(request.input),
      inputHash: bindingHash(request.tool, request.input, request.actsOn),
      summary: request.summary,
      reason: request.reason,
      ...(request.reasonWords !== undefined && { reasonWordsJson: JSON.stringify(request.reasonWords) }),
      requesterId: request.requester.id,
      requesterName: request.requester.displayName ?? request.requester.name,
      conversationId: request.conversationId,
      channel: request.channel,
      expiresAt: new Date(this.#now().getTime() + this.#deps.timeoutMs),
    };
    const record = this.#deps.store.create(fresh);
    const timer = setTimeout(() => this.expire(record.id, t('en', 'approval.note_timeout')), this.#deps.timeoutMs);
    this.#timers.set(record.id, timer);
    this.#audit(record, request.requester.id, 'requested', `${record.summary}: ${record.reason}`);
    this.#emit(record, request.language);
    return record;
  }

  /** Resolves once the approval is decided or expires; an abort of the turn expires it. */
  wait(id: string, signal?: AbortSignal): Promise<ApprovalOutcome> {
    const record = this.#deps.store.get(id);
    if (!record) return Promise.reject(new MajordomeError('not_found', 'No such approval.'));
    const done = outcomeFor(record);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const onAbort = (): void => void this.expire(id, t('en', 'approval.note_ended'));
      const waiter: Waiter = {
        resolve: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      this.#waiters.set(id, [...(this.#waiters.get(id) ?? []), waiter]);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Expires a pending approval (as denied); undefined when it was no longer pending. */
  expire(id: string, note: string): ApprovalRecord | undefined {
    return this.#finish(id, { status: 'expired', via: 'system', note });
  }

  /**
   * Right before execute: true only when `id` was approved for exactly this tool and input (and
   * what it acts on, when the approval was bound to it), and was not used before. Marks it used.
   */
  consume(id: string, tool: string, input: unknown, actsOn?: readonly string[]): boolean {
    return this.#deps.store.consume(id, bindingHash(tool, input, actsOn));
  }

  /**
   * How an approval ended, for an answer that came too late (a button or a notification action
   * pressed after someone else decided, or after a restart), in `language` (what it was for too);
   * undefined while it is pending or unknown.
   */
  closedAnswer(id: string, language?: string): ClosedApproval | undefined {
    const record = this.#deps.store.get(id);
    if (!record || record.status === 'pending') return undefined;
    const summary = language === undefined ? record.summary : approvalWordsIn(record, language, this.#deps.describe).summary;
    return { summary, text: closedText(record, language) };
  }

  /**
   * Approvers see every approval; anyone else sees their own requests. With `language` (the
   * reader's), what and why are worded for them; without, as the requester read them.
   */
  async list(opts: { status?: ApprovalState; user: UserIdentity; limit?: number; language?: string | undefined }): Promise<ApprovalView[]> {
    const approver = await this.#deps.canApprove(opts.user);
    const filter: ApprovalListOptions = { ...(opts.status && { status: opts.status }), ...(opts.limit && { limit: opts.limit }) };
    if (!approver) filter.requesterId = opts.user.id;
    return this.#deps.store.list(filter).map((record) => this.#view(record, approver, opts.language));
  }

  /**
   * Approves or denies a pending approval for `user`; undefined when the id is unknown. Throws
   * MajordomeError `policy_denied` when this user may not, or when it was already decided, and
   * `ha_unavailable` when HA could not say whether they may; said in `language` (the deciding
   * person's; English when unset), and so is the approval it returns.
   */
  async decide(id: string, decision: 'approve' | 'deny', user: UserIdentity, via: ApprovalVia = viaOf(user), language?: string): Promise<ApprovalView | undefined> {
    const record = this.#deps.store.get(id);
    if (!record) return undefined;
    if (record.status !== 'pending') throw alreadyDecided(record, language);
    const isRequester = user.id === record.requesterId;
    // Withdrawing one's own request needs nobody's rights, so it needs no answer from HA either.
    const isApprover = decision === 'deny' && isRequester ? false : await this.#approverNow(record, decision, user, via, language);
    if (!mayDecide(decision, { isApprover, isRequester })) {
      this.#audit(record, user.id, `${decision} refused`, `${user.displayName ?? user.name ?? user.id} via ${via} may not ${decision} this`);
      throw new MajordomeError('policy_denied', t(language, decision === 'approve' ? 'approval.only_approvers_approve' : 'approval.only_approvers_deny'));
    }
    const decided = this.#finish(id, { status: STATUS_OF[decision], via, by: user.id, byName: user.displayName ?? user.name });
    if (!decided) {
      const now = this.#deps.store.get(id);
      throw now ? alreadyDecided(now, language) : new MajordomeError('not_found', t(language, 'approval.not_found'));
    }
    return this.#view(decided, isApprover, language);
  }

  /** The wire view for one reader: what and why in `language` when given, else as the requester read them. */
  #view(record: ApprovalRecord, canApprove: boolean, language: string | undefined): ApprovalView {
    return toApprovalView(record, canApprove, language === undefined ? undefined : approvalWordsIn(record, language, this.#deps.describe));
  }

  /** Whether `user` may approve, asked of HA now; when HA cannot say, the decision is refused (never granted on old knowledge). */
  async #approverNow(record: ApprovalRecord, decision: 'approve' | 'deny', user: UserIdentity, via: ApprovalVia, language?: string): Promise<boolean> {
    try {
      return await this.#deps.canApproveNow(user);
    } catch (err) {
      const who = user.displayName ?? user.name ?? user.id;
      this.#audit(record, user.id, `${decision} refused`, `${who} via ${via}: Home Assistant could not say whether they may decide`);
      throw new MajordomeError('ha_unavailable', t(language, 'approval.decider_unchecked'), { cause: err });
    }
  }

  #finish(id: string, decision: ApprovalDecision): ApprovalRecord | undefined {
    if (this.#stopped) return undefined;
    const record = this.#deps.store.decide(id, decision);
    if (!record) return undefined;
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    const outcome = outcomeFor(record);
    const detail = `${record.summary}; ${decision.status} by ${deciderName(record)} via ${decision.via}${decision.note ? ` (${decision.note})` : ''}`;
    this.#audit(record, decision.by ?? 'system', outcome?.decision ?? decision.status, detail);
    const waiters = this.#waiters.get(id) ?? [];
    this.#waiters.delete(id);
    if (outcome) for (const waiter of waiters) waiter.resolve(outcome);
    this.#emit(record);
    return record;
  }

  #audit(record: ApprovalRecord, actor: string, decision: string, detail: string): void {
    try {
      this.#deps.audit.record({
        actor,
        kind: 'approval',
        tool: record.tool,
        input: record.input,
        decision,
        outcome: record.status,
        ...(record.conversationId !== undefined && { conversationId: record.conversationId }),
        detail: `[${record.id}] ${detail}`,
      });
    } catch (err) {
      this.#deps.logger?.error({ err: err instanceof Error ? err.message : String(err), approval: record.id }, 'could not audit an approval');
    }
  }

  #emit(record: ApprovalRecord, language?: string): void {
    const change: ApprovalChange = { approval: toApprovalView(record), requesterId: record.requesterId, ...(language !== undefined && { language }) };
    this.#deps.events.emit('approvals.changed', change);
  }
}

/** The English notes an expiry is stored with, by their message key (the audit keeps the English). */
const EXPIRY_NOTES = ['approval.note_timeout', 'approval.note_restart', 'approval.note_ended'] as const;

/** How a closed approval ended, in `language`: who decided, or that (and why) it expired. */
export function closedText(record: ApprovalRecord, language?: string): string {
  if (record.status === 'expired') {
    const note = EXPIRY_NOTES.find((key) => t('en', key) === record.decisionNote);
    if (note) return t(language, 'approval.closed_expired_why', { note: t(language, note) });
    return record.decisionNote ? t(language, 'approval.closed_expired_why', { note: record.decisionNote }) : t(language, 'approval.closed_expired');
  }
  const status = t(language, record.status === 'approved' ? 'approval.status_approved' : 'approval.status_denied');
  return t(language, 'approval.closed_decided', { status, by: deciderName(record) });
}

function alreadyDecided(record: ApprovalRecord, language?: string): MajordomeError {
  return new MajordomeError('policy_denied', closedText(record, language));
}
