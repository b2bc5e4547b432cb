import { mdiImageBrokenVariant } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ImageState } from '../controllers/images-controller.js';
import './mdi-icon.js';

/** A picture a tool returned, fitted to the conversation; a click opens it full size in a new tab. */
@customElement('tool-image')
export class ToolImage extends LitElement {
  @property({ attribute: false }) accessor image: ImageState = { status: 'loading' };
  /** What the picture shows, for screen readers. */
  @property() accessor alt = '';
  /** The link's label ("Open the picture full size"). */
  @property() accessor openLabel = '';
  /** Said while the picture loads, or when it cannot be shown. */
  @property() accessor loadingLabel = '';
  @property() accessor failedLabel = '';

  override render() {
    const image = this.image;
    if (image.status === 'loading') return html`<div class="placeholder" role="status">${this.loadingLabel}</div>`;
    if (image.status === 'failed') {
      return html`<div class="placeholder failed"><mdi-icon .path=${mdiImageBrokenVariant}></mdi-icon>${this.failedLabel}</div>`;
    }
    return html`<a href=${image.url} target="_blank" rel="noopener" aria-label=${this.openLabel} title=${this.openLabel}>
      <img src=${image.url} alt=${this.alt || nothing} decoding="async" />
    </a>`;
  }

  static override styles = css`
    :host {
      display: block;
    }
    a {
      display: inline-block;
      max-inline-size: 100%;
      border-radius: 8px;
      line-height: 0;
    }
    img {
      display: block;
      max-inline-size: 100%;
      max-block-size: min(360px, 50vh);
      inline-size: auto;
      block-size: auto;
      object-fit: contain;
      border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      border-radius: 8px;
      background: var(--secondary-background-color, #e5e5e5);
      cursor: zoom-in;
    }
    a:focus-visible {
      outline: 2px solid var(--primary-color, #03a9f4);
      outline-offset: 2px;
    }
    .placeholder {
      display: flex;
      align-items: center;
      gap: 6px;
      block-size: 48px;
      padding-inline: 12px;
      border-radius: 8px;
      background: var(--secondary-background-color, #e5e5e5);
      color: var(--secondary-text-color, #727272);
      font-size: 13px;
      --mdc-icon-size: 18px;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'tool-image': ToolImage;
  }
}
