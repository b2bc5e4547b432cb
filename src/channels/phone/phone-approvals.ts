/**
 * Phone approvals: every new approval goes to the `approval_notify` phones as an actionable
 * notification (Approve / Deny); a tap comes back as a `mobile_app_notification_action` event and
 * decides the approval only with the right nonce and an approver's user id. Once an approval is
 * decided anywhere, or expires, its notification is cleared from every phone; an approver's tap
 * that comes too late (someone decided first, or Majordome restarted) is answered with how it ended.
 */
import type { EventSource } from '../../events/bus.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { Logger } from '../../logger.js';
import type { ApprovalChange, ApprovalEvents, ApprovalService } from '../../policy/index.js';
import {
  approvalTag,
  buildApprovalNotification,
  buildClearNotification,
  buildClosedNotification,
  createTicket,
  matchPhoneAction,
  readLateAction,
  PHONE_ACTION_EVENT,
  type NotifyData,
  type PhoneTicket,
} from './phone-actions.js';
import type { PhoneUserResolver } from './phone-user.js';

/** What phone approvals need from the HA connection (HaConnection implements it). */
export interface PhoneHa {
  callService(domain: string, service: string, data?: Record<string, unknown>): Promise<unknown>;
  subscribeEvents<T>(callback: (event: T) => void, eventType: string): Promise<() => Promise<void>>;
  /** Called on every (re)connection, and right away when connected. */
  onReady(listener: () => void): () => void;
  findService?(domain: string, service: string): Promise<unknown>;
}

/** Collaborators of the phone approvals. */
export interface PhoneApprovalsDeps {
  approvals: Pick<ApprovalService, 'decide' | 'closedAnswer'>;
  /** Where the approvals announce their changes. */
  events: EventSource<ApprovalEvents>;
  /** Notify service names from `approval_notify` (`mobile_app_pixel_7`); empty turns this off. */
  services: readonly string[];
  ha: PhoneHa;
  resolveUser: PhoneUserResolver;
  /** HA admin or listed approver (see approvers.ts). */
  canApprove(user: UserIdentity): Promise<boolean>;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  /** Tests may fix the nonces. */
  newNonce?: () => string;
  /** The option `language`: the words of a notification when the approval does not say whose language it is in. */
  language?: string;
}

interface Delivery {
  service: string;
  approvalId: string;
  /** The approval, its clearing, or the answer to a tap that came too late. */
  kind: 'send' | 'clear' | 'answer';
  data: NotifyData;
}

const SPENT_KEPT = 256;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === true;
}

/**
 * Sends, reads back and clears approval notifications. Nonces live in memory only: approvals do
 * not survive a restart (ApprovalService.start() expires them), and their tags, derived from the
 * approval id, are enough to clear them then.
 */
export class PhoneApprovals {
  readonly #deps: PhoneApprovalsDeps;
  readonly #byNonce = new Map<string, PhoneTicket>();
  readonly #byApproval = new Map<string, PhoneTicket>();
  /** Nonces of decided approvals (the latest few), to answer a tap that lost the race. */
  readonly #spent = new Map<string, string>();
  /** Deliveries HA could not take while it was away, by service and tag; the latest one wins. */
  readonly #outbox = new Map<string, Delivery>();
  #cleanups: Array<() => unknown> = [];
  #running = false;

  constructor(deps: PhoneApprovalsDeps) {
    this.#deps = deps;
  }

  /**
   * Listens to approvals (call before ApprovalService.start() so the restart sweep clears stale
   * notifications) and to the phones' taps. Does nothing when `approval_notify` is empty.
   */
  async start(): Promise<void> {
    if (this.#running || this.#deps.services.length === 0) return;
    this.#running = true;
    this.#deps.events.on('approvals.changed', (change) => this.#onApprovalChange(change), this);
    let checked = false;
    this.#cleanups.push(
      this.#deps.ha.onReady(() => {
        this.#flushOutbox();
        if (!checked) void this.#checkServices();
        checked = true;
      }),
    );
    try {
      const unsubscribe = await this.#deps.ha.subscribeEvents<unknown>((event) => void this.#onAction(event), PHONE_ACTION_EVENT);
      this.#cleanups.push(unsubscribe);
    } catch (err) {
      this.#deps.logger.warn({ err: describe(err) }, 'cannot listen to phone notification actions; approve in the panel');
    }
  }

  /** Stops listening and forgets the nonces (the phones' buttons then do nothing). */
  async stop(): Promise<void> {
    this.#running = false;
    this.#deps.events.removeListeners(this);
    const cleanups = this.#cleanups;
    this.#cleanups = [];
    await Promise.all(cleanups.map(async (cleanup) => cleanup()));
    this.#byNonce.clear();
    this.#byApproval.clear();
    this.#spent.clear();
    this.#outbox.clear();
  }

  #onApprovalChange({ approval, language }: ApprovalChange): void {
    if (!this.#running) return;
    if (approval.status === 'pending') {
      if (this.#byApproval.has(approval.id)) return;
      const ticket = createTicket(approval.id, this.#deps.newNonce?.());
      this.#byNonce.set(ticket.nonce, ticket);
      this.#byApproval.set(approval.id, ticket);
      const notice = { id: approval.id, summary: approval.summary, reason: approval.reason, requesterName: approval.requester_name };
      this.#deliverToAll(approval.id, 'send', buildApprovalNotification(notice, ticket, language ?? this.#deps.language));
      return;
    }
    const ticket = this.#byApproval.get(approval.id);
    if (ticket) {
      this.#byNonce.delete(ticket.nonce);
      this.#spend(ticket);
    }
    this.#byApproval.delete(approval.id);
    // Cleared even without a ticket: an approval swept at start-up was notified by the last run.
    this.#deliverToAll(approval.id, 'clear', buildClearNotification(approvalTag(approval.id)));
  }

  async #onAction(event: unknown): Promise<void> {
    if (!this.#running) return;
    const { logger } = this.#deps;
    const match = matchPhoneAction(event, this.#byNonce);
    if (!match.ok) {
      const late = match.reason === 'unknown_nonce' ? readLateAction(event, this.#spent) : undefined;
      if (late) return this.#onLateAction(late.approvalId, late.userId);
      if (match.reason !== 'not_majordome') logger.debug({ reason: match.reason }, 'ignored a phone notification action');
      return;
    }
    const ignore = (reason: string): void => logger.debug({ reason, approval: match.approvalId, user: match.userId }, 'ignored a phone notification action');
    try {
      const user = await this.#deps.resolveUser(match.userId);
      if (!user) return ignore('unknown_user');
      if (!(await this.#deps.canApprove(user))) return ignore('not_an_approver');
      if (!this.#byApproval.has(match.approvalId)) return void (this.#tellClosed(match.approvalId) || ignore('no_longer_pending'));
      await this.#deps.approvals.decide(match.approvalId, match.decision, user, 'phone');
      logger.info({ approval: match.approvalId, decision: match.decision, user: user.id }, 'approval decided from a phone');
    } catch (err) {
      // Lost the race to another answer (the panel, another phone, a messenger): say who won.
      if (!this.#tellClosed(match.approvalId)) ignore(describe(err));
    }
  }

  /** A tap whose nonce is no longer live: an approver is told how the approval ended; nothing is decided. */
  async #onLateAction(approvalId: string, userId: string): Promise<void> {
    const ignore = (reason: string): void => this.#deps.logger.debug({ reason, approval: approvalId, user: userId }, 'ignored a phone notification action');
    try {
      const user = await this.#deps.resolveUser(userId);
      if (!user) return ignore('unknown_user');
      if (!(await this.#deps.canApprove(user))) return ignore('not_an_approver');
      if (!this.#tellClosed(approvalId)) ignore('unknown_nonce');
    } catch (err) {
      ignore(describe(err));
    }
  }

  /** Replaces the approval's notification on the phones with how it ended; false while it is pending or unknown. */
  #tellClosed(approvalId: string): boolean {
    const closed = this.#deps.approvals.closedAnswer(approvalId, this.#deps.language);
    if (!closed) return false;
    this.#deliverToAll(approvalId, 'answer', buildClosedNotification(approvalTag(approvalId), closed.summary, closed.text));
    this.#deps.logger.info({ approval: approvalId }, 'told the phones how an approval ended, after a late tap');
    return true;
  }

  #spend(ticket: PhoneTicket): void {
    this.#spent.set(ticket.nonce, ticket.approvalId);
    // The oldest go first: a tap comes seconds after a decision, not hundreds of approvals later.
    for (const nonce of this.#spent.keys()) {
      if (this.#spent.size <= SPENT_KEPT) break;
      this.#spent.delete(nonce);
    }
  }

  #deliverToAll(approvalId: string, kind: Delivery['kind'], data: NotifyData): void {
    for (const service of this.#deps.services) this.#deliver({ service, approvalId, kind, data });
  }

  /** A clear or an answer is always wanted; a notification only while its approval is pending. */
  #stillWanted(delivery: Delivery): boolean {
    return delivery.kind !== 'send' || this.#byApproval.has(delivery.approvalId);
  }

  #deliver(delivery: Delivery): void {
    const key = `${delivery.service}\n${delivery.approvalId}`;
    this.#outbox.delete(key);
    this.#deps.ha.callService('notify', delivery.service, { ...delivery.data }).catch((err: unknown) => {
      if (!this.#running) return;
      if (isRetryable(err)) {
        // Kept for the next connection unless a newer delivery for this approval took its place.
        if (this.#stillWanted(delivery) && !this.#outbox.has(key)) this.#outbox.set(key, delivery);
        return;
      }
      this.#deps.logger.warn({ err: describe(err), service: `notify.${delivery.service}` }, 'could not send an approval notification');
    });
  }

  #flushOutbox(): void {
    const waiting = [...this.#outbox.values()];
    this.#outbox.clear();
    for (const delivery of waiting) if (this.#stillWanted(delivery)) this.#deliver(delivery);
  }

  async #checkServices(): Promise<void> {
    const { ha, services, logger } = this.#deps;
    if (!ha.findService) return;
    for (const service of services) {
      const found = await ha.findService('notify', service).catch(() => true);
      if (!found) logger.warn({ service: `notify.${service}` }, 'approval_notify names a notify service Home Assistant does not offer');
    }
  }
}
