/**
 * The `majordome_request` event an automation fires (`{text, request_id?, conversation_id?,
 * language?, instance?}`), whether it is for this instance, and who it speaks for. Parsed once
 * here with zod; pure.
 */
import { z } from 'zod';
import type { UserIdentity } from '../../contracts/identity.js';

/** The event HA delivers to `subscribe_events` subscribers (only the fields used here). */
export interface HaBusEvent {
  event_type?: string;
  data?: unknown;
  context?: { id?: string; user_id?: string | null; parent_id?: string | null };
}

/** A valid request. */
export interface BridgeRequest {
  text: string;
  requestId: string | null;
  conversationId?: string;
  language?: string;
}

/** The request, or why it was refused (with the request id to answer, when one was readable). */
export type ParsedRequest = { ok: true; request: BridgeRequest } | { ok: false; requestId: string | null; message: string };

/** An automation with no user behind it (a trigger, a schedule). */
export const AUTOMATION_USER: UserIdentity = { id: 'system', via: 'system', displayName: 'Home Assistant automation' };

const RequestId = z.union([z.string().trim().min(1).max(200), z.number().transform(String)]);

const RequestData = z.object({
  text: z.string().trim().min(1, 'text is empty').max(8000, 'text is longer than 8000 characters'),
  request_id: RequestId.optional(),
  conversation_id: z.string().trim().min(1).max(200).optional(),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'language must be a code such as "en" or "fr"')
    .optional(),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid majordome_request';
  const field = issue.path.join('.') || 'data';
  return issue.code === 'invalid_type' && issue.path.length > 0 && issue.message.includes('undefined')
    ? `majordome_request: ${field} is required`
    : `majordome_request: ${field}: ${issue.message}`;
}

/** Same name for people: case and surrounding spaces do not count. */
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether this instance answers the event: yes when its `instance` names this instance or nobody;
 * a request naming another instance is that one's to answer (even a malformed one).
 */
export function isForInstance(data: unknown, instanceName: string | undefined): boolean {
  const named = (data as Record<string, unknown> | null | undefined)?.['instance'];
  if (named === undefined || named === null || (typeof named === 'string' && named.trim() === '')) return true;
  return instanceName !== undefined && (typeof named === 'string' || typeof named === 'number') && sameName(String(named), instanceName);
}

/** Validates the event data. */
export function parseBridgeRequest(data: unknown): ParsedRequest {
  const result = RequestData.safeParse(data);
  if (!result.success) {
    const id = RequestId.safeParse((data as Record<string, unknown> | null | undefined)?.['request_id']);
    return { ok: false, requestId: id.success ? id.data : null, message: describeIssue(result.error) };
  }
  const { text, request_id: requestId, conversation_id: conversationId, language } = result.data;
  return {
    ok: true,
    request: { text, requestId: requestId ?? null, ...(conversationId !== undefined && { conversationId }), ...(language !== undefined && { language }) },
  };
}

/** The HA user who fired the event (HA sets `context.user_id` from the login), else the automation identity. */
export function identityOf(event: HaBusEvent): UserIdentity {
  const userId = event.context?.user_id;
  return typeof userId === 'string' && userId !== '' ? { id: userId, via: 'system' } : AUTOMATION_USER;
}
