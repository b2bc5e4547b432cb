/**
 * HA's look and language, read from HA's own page around the panel. Under ingress the panel is
 * served from HA's origin, so `window.parent.document` is readable: HA keeps its theme as CSS
 * custom properties on `<html>` (its default theme included), dark mode in `hass.themes.darkMode`
 * of the `<home-assistant>` element, and its language in `hass.language` and `<html lang>`.
 * Framed by another origin, or not framed at all, there is nothing to read and the panel follows
 * the browser.
 */

/** HA's theme tokens the panel's styles read; copied as they are, whatever HA's theme sets them to. */
export const HA_THEME_TOKENS = [
  '--primary-color',
  '--dark-primary-color',
  '--light-primary-color',
  '--text-primary-color',
  '--accent-color',
  '--text-accent-color',
  '--primary-background-color',
  '--secondary-background-color',
  '--card-background-color',
  '--primary-text-color',
  '--secondary-text-color',
  '--disabled-text-color',
  '--divider-color',
  '--error-color',
  '--warning-color',
  '--success-color',
  '--info-color',
  '--app-header-background-color',
  '--app-header-text-color',
  '--app-header-border-bottom-color',
  '--ha-card-background',
  '--ha-card-border-radius',
  '--ha-card-border-color',
  '--ha-card-box-shadow',
  '--ha-font-family-body',
  '--ha-font-family-code',
  '--input-fill-color',
  '--mdc-theme-primary',
] as const;

/** What the panel takes from HA. */
export interface HaLook {
  /** HA is in dark mode; undefined when HA does not say. */
  dark?: boolean;
  /** HA's language tag (`fr`, `en-GB`); undefined when HA does not say. */
  language?: string;
  /** Token → value, for the tokens HA sets. */
  tokens: Record<string, string>;
}

/** The part of HA's `hass` object read here. */
interface HassLike {
  language?: unknown;
  themes?: { darkMode?: unknown };
}

/** HA's document around this window, or undefined when not framed or framed by another origin. */
export function haDocument(win: Window): Document | undefined {
  if (win.parent === win) return undefined;
  try {
    // Reading a cross-origin parent's document throws (SecurityError): then there is no HA to read.
    const doc = win.parent.document;
    return doc.querySelector('home-assistant') ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** HA's theme, dark mode and language, as its document shows them now. */
export function readHaLook(doc: Document): HaLook {
  const hass = (doc.querySelector('home-assistant') as (Element & { hass?: HassLike }) | null)?.hass;
  const style = doc.defaultView?.getComputedStyle(doc.documentElement);
  const tokens: Record<string, string> = {};
  for (const token of HA_THEME_TOKENS) {
    const value = style?.getPropertyValue(token).trim();
    if (value) tokens[token] = value;
  }
  const darkMode = hass?.themes?.darkMode;
  const scheme = style?.colorScheme.trim();
  const dark = typeof darkMode === 'boolean' ? darkMode : doc.documentElement.hasAttribute('dark') || (scheme === 'dark' ? true : scheme === 'light' ? false : undefined);
  const language = typeof hass?.language === 'string' && hass.language ? hass.language : doc.documentElement.lang || undefined;
  return { ...(dark !== undefined && { dark }), ...(language && { language }), tokens };
}

/** Puts HA's look on the panel's `<html>`: its tokens override the panel's defaults, `data-theme` picks light or dark. */
export function applyHaLook(root: HTMLElement, look: HaLook, previous: HaLook | undefined): void {
  for (const token of Object.keys(previous?.tokens ?? {})) if (!(token in look.tokens)) root.style.removeProperty(token);
  for (const [token, value] of Object.entries(look.tokens)) root.style.setProperty(token, value);
  if (look.dark === undefined) delete root.dataset.theme;
  else root.dataset.theme = look.dark ? 'dark' : 'light';
}

/** HA shows its own header (menu button and the add-on's name) right above the panel's frame, as ha-panel-app does on a narrow screen. */
export function haShowsHeader(win: Window): boolean {
  try {
    const frame = win.frameElement;
    const above = frame?.previousElementSibling;
    return !!above && above.classList.contains('header') && (above as HTMLElement).offsetHeight > 0;
  } catch {
    return false;
  }
}
