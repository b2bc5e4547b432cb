/**
 * The messages HA's frontend exchanges with an add-on's ingress iframe (ha-panel-app): the frame
 * posts `home-assistant/subscribe-properties`, HA answers `home-assistant/properties` (now and
 * whenever they change) with `narrow`, and `home-assistant/toggle-menu` opens HA's sidebar.
 */

/** What HA tells a subscribed frame. */
export interface HaFrameProperties {
  /** HA's own layout is narrow (a phone): its sidebar is hidden behind a menu button. */
  narrow: boolean;
}

/** Messages the frame sends to HA. */
export const HA_FRAME_MESSAGES = {
  subscribe: { type: 'home-assistant/subscribe-properties' },
  unsubscribe: { type: 'home-assistant/unsubscribe-properties' },
  toggleMenu: { type: 'home-assistant/toggle-menu' },
} as const;

/** Reads a `home-assistant/properties` message; anything else (other senders, other types) is undefined. */
export function readHaProperties(data: unknown): HaFrameProperties | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const record = data as { type?: unknown; narrow?: unknown };
  if (record.type !== 'home-assistant/properties') return undefined;
  return { narrow: record.narrow === true };
}
