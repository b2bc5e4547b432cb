/**
 * Routes live in `location.hash` (`#/chat/<id>`, `#/approvals`, `#/status`, `#/tasks`, `#/memories`): the ingress path is
 * HA's and the panel may not change it, and a hash survives a reload, which brings the current
 * conversation back.
 */

/** Where the panel is. */
export type Route = { view: 'chat'; conversationId?: string } | { view: 'approvals' } | { view: 'status' } | { view: 'tasks' } | { view: 'memories' };

/** Reads a route from a hash; anything unknown is a new chat. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [view, rawId] = parts;
  if (view === 'approvals') return { view: 'approvals' };
  if (view === 'status') return { view: 'status' };
  if (view === 'tasks') return { view: 'tasks' };
  if (view === 'memories') return { view: 'memories' };
  if (view === 'chat' && rawId) {
    const conversationId = safeDecode(rawId);
    if (conversationId) return { view: 'chat', conversationId };
  }
  return { view: 'chat' };
}

/** The hash for a route (with the leading `#`). */
export function formatRoute(route: Route): string {
  if (route.view !== 'chat') return `#/${route.view}`;
  return route.conversationId ? `#/chat/${encodeURIComponent(route.conversationId)}` : '#/chat';
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
