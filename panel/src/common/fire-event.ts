/** What a person can answer on an approval card. */
export type ApprovalChoice = 'approve' | 'deny' | 'always';

/** Every custom event the panel's elements fire, with its detail: one typed map, as HA's HASSDomEvents. */
export interface PanelEvents {
  'navigate': { view: 'chat' | 'approvals' | 'status' | 'tasks' | 'memories' };
  'new-chat': undefined;
  'toggle-drawer': undefined;
  'composer-send': { text: string };
  'composer-stop': undefined;
  'banner-retry': undefined;
  'banner-dismiss': undefined;
  /** `always`: approve and save a rule so the same call no longer asks. */
  'approval-decision': { id: string; decision: ApprovalChoice };
  'rule-delete': { id: number };
  'ha-toggle-menu': undefined;
  'conversation-select': { id: string };
  'conversation-search': { value: string };
  'conversation-edit': { id: string; mode: 'rename' | 'delete' } | undefined;
  'conversation-rename': { id: string; title: string };
  'conversation-delete': { id: string };
  /** Start correcting a memory, or stop (undefined). */
  'memory-edit': { id: number } | undefined;
  'memory-save': { id: number; fact: string };
  'memory-forget': { id: number };
}

/** A panel event as listeners receive it. */
export type PanelEvent<K extends keyof PanelEvents> = CustomEvent<PanelEvents[K]>;

/** Dispatches a typed event that crosses shadow roots, like HA's `fireEvent`. */
export function fireEvent<K extends keyof PanelEvents>(node: EventTarget, type: K, ...detail: PanelEvents[K] extends undefined ? [] : [PanelEvents[K]]): void {
  node.dispatchEvent(new CustomEvent(type, { detail: detail[0], bubbles: true, composed: true }));
}
