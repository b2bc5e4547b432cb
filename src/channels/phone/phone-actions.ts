/**
 * The wire shapes of phone approvals (HA companion app actionable notifications), as pure
 * functions: the notification, its clearing, and reading a tapped action back. The action ids
 * carry a per-approval nonce so that only the notification Majordome sent can decide.
 */
import { randomBytes } from 'node:crypto';
import { t } from '../../messages/messages.js';

/** The HA event the companion app fires when a notification action is tapped. */
export const PHONE_ACTION_EVENT = 'mobile_app_notification_action';

/** What one notification stands for: its approval, its nonce, its tag. */
export interface PhoneTicket {
  approvalId: string;
  nonce: string;
  tag: string;
}

/** What the notification says about the approval. */
export interface ApprovalNotice {
  id: string;
  summary: string;
  reason: string;
  requesterName?: string | undefined;
}

/** `notify.<service>` service data. */
export interface NotifyData {
  message: string;
  title?: string;
  data: Record<string, unknown>;
}

/** A tapped action, read back: a decision for an approval, or why it is ignored. */
export type PhoneActionMatch =
  | { ok: true; approvalId: string; decision: 'approve' | 'deny'; userId: string }
  | { ok: false; reason: 'not_majordome' | 'unknown_nonce' | 'wrong_tag' | 'no_user' };

const ACTION_PATTERN = /^MAJORDOME_(APPROVE|DENY)_([0-9a-f]{32})$/;
const TAG_PATTERN = /^majordome-approval-([\w-]{1,100})$/;

/** A fresh unguessable nonce (128 bits, hex). */
export function createNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The notification tag of an approval: derived from its id, so a restart can still clear it. */
export function approvalTag(approvalId: string): string {
  return `majordome-approval-${approvalId}`;
}

/** A ticket for a new approval notification. */
export function createTicket(approvalId: string, nonce: string = createNonce()): PhoneTicket {
  return { approvalId, nonce, tag: approvalTag(approvalId) };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The plain text of the notification: what would run, why it needs a yes, and who asked (in `language`). */
export function approvalMessage(notice: ApprovalNotice, language?: string): string {
  const parts = [sentence(notice.summary), sentence(notice.reason)];
  if (notice.requesterName) parts.push(t(language, 'approval.asked_by', { name: notice.requesterName }));
  return parts.filter((part) => part !== '').join(' ');
}

/**
 * The actionable notification: Approve and Deny, both behind the phone's lock screen
 * (`authenticationRequired`), high priority on Android and time-sensitive on iOS; worded in `language`.
 */
export function buildApprovalNotification(notice: ApprovalNotice, ticket: PhoneTicket, language?: string): NotifyData {
  return {
    message: approvalMessage(notice, language),
    title: t(language, 'approval.title'),
    data: {
      tag: ticket.tag,
      actions: [
        { action: `MAJORDOME_APPROVE_${ticket.nonce}`, title: t(language, 'approval.approve'), authenticationRequired: true },
        { action: `MAJORDOME_DENY_${ticket.nonce}`, title: t(language, 'approval.deny'), destructive: true, authenticationRequired: true },
      ],
      priority: 'high',
      ttl: 0,
      push: { 'interruption-level': 'time-sensitive' },
    },
  };
}

/** Removes the notification with this tag from the phone. */
export function buildClearNotification(tag: string): NotifyData {
  return { message: 'clear_notification', data: { tag } };
}

/**
 * The answer to a tap that came too late (someone decided elsewhere first, or Majordome restarted):
 * how the approval ended, replacing its notification (same tag), without buttons.
 */
export function buildClosedNotification(tag: string, summary: string, text: string): NotifyData {
  return { message: text, title: summary, data: { tag } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a `mobile_app_notification_action` event. A decision needs an action id with the nonce of
 * a live ticket, the ticket's tag when the phone sends one (Android), and a user in the context;
 * whether that user may approve is for the caller to check.
 */
export function matchPhoneAction(event: unknown, ticketsByNonce: ReadonlyMap<string, PhoneTicket>): PhoneActionMatch {
  const data = isRecord(event) && isRecord(event['data']) ? event['data'] : {};
  const action = typeof data['action'] === 'string' ? ACTION_PATTERN.exec(data['action']) : null;
  if (!action) return { ok: false, reason: 'not_majordome' };
  const ticket = ticketsByNonce.get(action[2] ?? '');
  if (!ticket) return { ok: false, reason: 'unknown_nonce' };
  if (data['tag'] !== undefined && data['tag'] !== null && data['tag'] !== ticket.tag) return { ok: false, reason: 'wrong_tag' };
  const context = isRecord(event) && isRecord(event['context']) ? event['context'] : {};
  const userId = context['user_id'];
  if (typeof userId !== 'string' || userId === '') return { ok: false, reason: 'no_user' };
  return { ok: true, approvalId: ticket.approvalId, decision: action[1] === 'APPROVE' ? 'approve' : 'deny', userId };
}

/**
 * A Majordome action whose nonce is not live any more, read back: the approval it was for (from a
 * nonce spent on a decided approval, else from the tag Android sends back) and who tapped. Only
 * ever used to say how that approval ended, never to decide it.
 */
export function readLateAction(event: unknown, spentNonces: ReadonlyMap<string, string>): { approvalId: string; userId: string } | undefined {
  const data = isRecord(event) && isRecord(event['data']) ? event['data'] : {};
  const action = typeof data['action'] === 'string' ? ACTION_PATTERN.exec(data['action']) : null;
  if (!action) return undefined;
  const fromTag = typeof data['tag'] === 'string' ? TAG_PATTERN.exec(data['tag'])?.[1] : undefined;
  const approvalId = spentNonces.get(action[2] ?? '') ?? fromTag;
  const context = isRecord(event) && isRecord(event['context']) ? event['context'] : {};
  const userId = context['user_id'];
  if (!approvalId || typeof userId !== 'string' || userId === '') return undefined;
  return { approvalId, userId };
}
