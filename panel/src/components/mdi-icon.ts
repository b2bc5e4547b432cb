import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** A Material Design Icon drawn from an `@mdi/js` path; decorative, so hidden from screen readers. */
@customElement('mdi-icon')
export class MdiIcon extends LitElement {
  @property() accessor path = '';

  static override styles = css`
    :host {
      display: inline-flex;
      flex: none;
      inline-size: var(--mdc-icon-size, 24px);
      block-size: var(--mdc-icon-size, 24px);
    }
    svg {
      inline-size: 100%;
      block-size: 100%;
      fill: currentColor;
    }
  `;

  override render() {
    return html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${this.path}></path></svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mdi-icon': MdiIcon;
  }
}
