import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime, formatRelativeTime } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { confirmPairing, listPairings, type Pairing } from '../data/pairings.js';
import { buttonStyles, cardStyles, listCardStyles } from '../styles/shared-styles.js';

/** Status page card: messenger chats waiting for an admin to confirm their pairing code. Hidden when no messenger is on. */
@customElement('pairings-card')
export class PairingsCard extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;
  @property({ type: Number }) accessor revision = 0;

  @state() private accessor pairings: Pairing[] | undefined;
  @state() private accessor busy: string | undefined;
  @state() private accessor error: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('revision')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.pairings = await listPairings(this.api);
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  private async confirm(code: string): Promise<void> {
    this.busy = code;
    try {
      await confirmPairing(this.api, code, this.language);
      this.error = undefined;
      await this.load();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = undefined;
    }
  }

  override render() {
    const l = this.localize;
    if (!this.pairings) return nothing;
    return html`<section class="card" aria-labelledby="pairings-title" data-testid="pairings">
      <h2 id="pairings-title">${l('status.pairings')}</h2>
      <p class="muted">${l('status.pairings_hint')}</p>
      ${this.error ? html`<p class="error" role="alert">${l('status.pairing_failed', { message: this.error })}</p>` : nothing}
      ${this.pairings.length === 0
        ? html`<p class="muted">${l('status.pairings_empty')}</p>`
        : html`<ul>
            ${this.pairings.map(
              (p) => html`<li data-testid="pairing">
                <span class="who">
                  <span>${p.label} <span class="muted">(${p.channel})</span></span>
                  <span class="muted" title=${formatDateTime(p.created_at, this.language)}><code>${p.code}</code> · ${formatRelativeTime(p.created_at, this.language)}</span>
                </span>
                ${p.confirmed_at
                  ? html`<span class="muted">${l('status.pairing_confirmed')}</span>`
                  : html`<button class="button filled" ?disabled=${this.busy === p.code} @click=${() => void this.confirm(p.code)}>${l('status.pairing_confirm')}</button>`}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  static override styles = [
    cardStyles,
    buttonStyles,
    listCardStyles,
    css`
      .who { flex: 1; min-inline-size: 0; display: flex; flex-direction: column; gap: 2px; overflow-wrap: anywhere; }
      code { font-family: var(--ha-font-family-code, monospace); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'pairings-card': PairingsCard;
  }
}
