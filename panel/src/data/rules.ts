import type { SavedRuleView as SavedRule } from '../../../src/channels/http/wire.js';
import type { Approval } from './approvals.js';
import { normalizeApproval } from './approvals.js';
import { ApiError, languageQuery, type PanelApi } from './api.js';

export type { SavedRule };

/** Saved rules and whether this user may change them; undefined when the server has no saved rules. */
export async function listRules(api: PanelApi): Promise<{ rules: SavedRule[]; canManage: boolean } | undefined> {
  try {
    const body = await api.fetchJson<{ rules?: SavedRule[]; can_manage?: boolean }>('rules');
    return { rules: body.rules ?? [], canManage: body.can_manage === true };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** "Always allow": saves the rule for this pending call and approves it; returns the approved approval. A refusal (a lock…) comes worded in `language`. */
export async function alwaysAllow(api: PanelApi, approvalId: string, language?: string): Promise<Approval | undefined> {
  const body = await api.fetchJson<{ approval?: unknown }>(`rules${languageQuery(language)}`, { method: 'POST', body: { approval_id: approvalId } });
  return normalizeApproval(body.approval);
}

/** Deletes a saved rule; a refusal comes worded in `language`. */
export async function deleteRule(api: PanelApi, id: number, language?: string): Promise<void> {
  await api.fetchJson(`rules/${id}${languageQuery(language)}`, { method: 'DELETE' });
}
