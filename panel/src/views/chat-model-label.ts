import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeFunc } from '../common/localize.js';

/**
 * The small muted line that says which model answers in the chat ("Answered by demo model"), so
 * nobody takes a stand-in or a cheaper model for another. Nothing when the model is not configured
 * or the status could not be read: a wrong name is worse than none.
 */
export function renderModelLabel(localize: LocalizeFunc, llm: { model: string | undefined; configured: boolean } | undefined): TemplateResult | typeof nothing {
  if (!llm?.configured || !llm.model) return nothing;
  return html`<p class="model-label" data-testid="model-label">${localize('chat.answered_by', { model: llm.model })}</p>`;
}
