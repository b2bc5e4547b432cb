/** Attributes that only serve HA's own UI and cost the model tokens. */
const UI_ONLY = new Set([
  'friendly_name',
  'icon',
  'entity_picture',
  'entity_picture_local',
  'supported_features',
  'supported_color_modes',
  'attribution',
  'editable',
  'id',
  'user_id',
  'device_trackers',
  'restored',
  // custom-ui's per-entity card templates: dashboard code, not data.
  'templates',
  'custom_ui_state_card',
]);

const MAX_LIST_ITEMS = 20;
const MAX_TEXT_LENGTH = 500;

function compactValue(value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) return `${value.slice(0, MAX_TEXT_LENGTH)}…`;
  if (Array.isArray(value) && value.length > MAX_LIST_ITEMS) return [...value.slice(0, MAX_LIST_ITEMS), `…${value.length - MAX_LIST_ITEMS} more`];
  return value;
}

/** Every attribute worth reading, with long texts and lists cut; light brightness also as percent. */
export function detailedAttributes(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (UI_ONLY.has(key) || value === null || value === undefined) continue;
    out[key] = compactValue(value);
  }
  const brightness = attributes['brightness'];
  if (typeof brightness === 'number') out['brightness_pct'] = Math.round((brightness / 255) * 100);
  return out;
}
