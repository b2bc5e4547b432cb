import { mdiAlertCircleOutline, mdiClose, mdiRefresh } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '../common/fire-event.js';
import type { LocalizeFunc } from '../common/localize.js';
import { buttonStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';

/** A failed turn: what happened, what to do about it, and Retry when trying again can help. */
@customElement('error-banner')
export class ErrorBanner extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  /** What to do, in the user's language. */
  @property() accessor advice = '';
  /** The server's own words, when they add something. */
  @property() accessor detail: string | undefined;
  @property({ type: Boolean }) accessor retry = false;

  override render() {
    const l = this.localize;
    return html`
      <div class="banner" role="alert">
        <mdi-icon .path=${mdiAlertCircleOutline}></mdi-icon>
        <div class="text">
          <strong>${l('error.title')}</strong>
          <span>${this.advice}</span>
          ${this.detail ? html`<span class="detail">${this.detail}</span>` : nothing}
        </div>
        ${this.retry
          ? html`<button class="button outlined" @click=${() => fireEvent(this, 'banner-retry')}>
              <mdi-icon .path=${mdiRefresh}></mdi-icon>${l('error.retry')}
            </button>`
          : nothing}
        <button class="icon-button" aria-label=${l('error.dismiss')} title=${l('error.dismiss')} @click=${() => fireEvent(this, 'banner-dismiss')}>
          <mdi-icon .path=${mdiClose}></mdi-icon>
        </button>
      </div>
    `;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .banner {
        display: flex;
        align-items: center;
        gap: 12px;
        padding-block: 8px;
        padding-inline: 16px 8px;
        border-radius: var(--ha-card-border-radius, 12px);
        background: color-mix(in srgb, var(--error-color, #db4437) 12%, var(--card-background-color, #fff));
        border: 1px solid color-mix(in srgb, var(--error-color, #db4437) 40%, transparent);
      }
      .banner > mdi-icon {
        color: var(--error-color, #db4437);
      }
      .text {
        display: flex;
        flex-direction: column;
        gap: 2px;
        flex: 1;
        min-inline-size: 0;
        overflow-wrap: anywhere;
      }
      strong {
        font-weight: 500;
      }
      .detail {
        color: var(--secondary-text-color, #727272);
        font-size: 13px;
      }
      .button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        --mdc-icon-size: 18px;
      }
      @media (max-width: 450px) {
        .banner {
          flex-wrap: wrap;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'error-banner': ErrorBanner;
  }
}
