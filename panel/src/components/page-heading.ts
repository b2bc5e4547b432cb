import { mdiRefresh } from '@mdi/js';
import { html, nothing, type TemplateResult } from 'lit';
import './mdi-icon.js';

/** What a page's heading shows: its title, a refresh button, and the load error or a loading line. */
export interface PageHeading {
  title: string;
  refreshLabel: string;
  onRefresh: () => void;
  /** The already-localised load error, shown as an alert. */
  error?: string | undefined;
  loading: boolean;
  loadingLabel: string;
}

/** The heading of the status, tasks and memories pages (styled by `pageStyles`): title and refresh button, then error or loading line. */
export function pageHeading(h: PageHeading): TemplateResult {
  return html`
    <div class="heading">
      <h1>${h.title}</h1>
      <button class="icon-button" aria-label=${h.refreshLabel} title=${h.refreshLabel} @click=${h.onRefresh}>
        <mdi-icon .path=${mdiRefresh}></mdi-icon>
      </button>
    </div>
    ${h.error ? html`<p class="error" role="alert">${h.error}</p>` : nothing}
    ${h.loading ? html`<p class="muted" role="status">${h.loadingLabel}</p>` : nothing}
  `;
}
