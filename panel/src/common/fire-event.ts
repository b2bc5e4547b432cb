/** Every custom event the panel's elements fire, with its detail: one typed map, as HA's HASSDomEvents. */
export interface PanelEvents {
  'navigate': { view: 'chat' | 'approvals' | 'status' };
  'new-chat': undefined;
  'toggle-drawer': undefined;
  'composer-send': { text: string };
  'composer-stop': undefined;
  'banner-retry': undefined;
  'banner-dismiss': undefined;
  'approval-decision': { id: string; decision: 'approve' | 'deny' };
  'conversation-select': { id: string };
  'conversation-search': { value: string };
  'conversation-edit': { id: string; mode: 'rename' | 'delete' } | undefined;
  'conversation-rename': { id: string; title: string };
  'conversation-delete': { id: string };
}

/** A panel event as listeners receive it. */
export type PanelEvent<K extends keyof PanelEvents> = CustomEvent<PanelEvents[K]>;

/** Dispatches a typed event that crosses shadow roots, like HA's `fireEvent`. */
export function fireEvent<K extends keyof PanelEvents>(node: EventTarget, type: K, ...detail: PanelEvents[K] extends undefined ? [] : [PanelEvents[K]]): void {
  node.dispatchEvent(new CustomEvent(type, { detail: detail[0], bubbles: true, composed: true }));
}
