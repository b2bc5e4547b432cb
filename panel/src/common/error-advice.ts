import type { TranslationKey } from './localize.js';

/** How the panel presents a failed turn: what to tell the user and whether Retry can help. */
export interface ErrorAdvice {
  key: TranslationKey;
  retry: boolean;
  /** Show the server's own message too (it names what failed). */
  showMessage: boolean;
}

// Codes come from the server's ERROR_CODES map, plus a few the panel raises itself
// (`disconnected`, `timeout`) and the spending cap of the budget feature.
// A missing or refused key: the server's message names the option of the provider in use
// (anthropic_api_key or openai_api_key), so it is shown; the advice itself names neither. So
// does a spent budget's: it says which cap was reached (tokens or dollars) and by how much.
const ADVICE: Record<string, ErrorAdvice> = {
  model_not_configured: { key: 'error.model_not_configured', retry: false, showMessage: true },
  model_auth: { key: 'error.model_auth', retry: false, showMessage: true },
  model_unavailable: { key: 'error.model_unavailable', retry: true, showMessage: false },
  model_error: { key: 'error.model_error', retry: true, showMessage: true },
  ha_unavailable: { key: 'error.ha_unavailable', retry: true, showMessage: false },
  ha_error: { key: 'error.ha_error', retry: true, showMessage: true },
  budget_reached: { key: 'error.budget_reached', retry: false, showMessage: true },
  budget_exceeded: { key: 'error.budget_reached', retry: false, showMessage: true },
  step_limit: { key: 'error.step_limit', retry: true, showMessage: false },
  unauthorized: { key: 'error.unauthorized', retry: false, showMessage: false },
  disconnected: { key: 'error.disconnected', retry: true, showMessage: false },
  timeout: { key: 'error.timeout', retry: true, showMessage: false },
};

/** Advice for an error code; unknown codes show the server's message and offer Retry. */
export function adviceFor(code: string | undefined): ErrorAdvice {
  return (code && ADVICE[code]) || { key: 'error.unknown', retry: true, showMessage: true };
}

/** A stopped turn ends with this code; it is the user's choice, not an error to report. */
export function isCancellation(code: string | undefined): boolean {
  return code === 'cancelled';
}
