import type { AuditEntryView as AuditEntry } from '../../../src/channels/http/wire.js';
import type { SecurityCheckView, StatusReport } from '../../../src/channels/socket/protocol.js';
import { ApiError, type PanelApi } from './api.js';

export type { AuditEntry, SecurityCheckView, StatusReport };

/** What the status page shows about the server, HA and the model; the security check's sentences come in `language`. */
export function fetchStatus(api: PanelApi, language?: string): Promise<StatusReport> {
  return api.fetchJson<StatusReport>(language ? `status?language=${encodeURIComponent(language)}` : 'status');
}

/** Recent audit rows, or undefined for users who may not read the audit log (403). */
export async function fetchAudit(api: PanelApi, limit = 20): Promise<AuditEntry[] | undefined> {
  try {
    const body = await api.fetchJson<{ entries: AuditEntry[] }>(`audit?limit=${limit}`);
    return body.entries;
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return undefined;
    throw err;
  }
}
