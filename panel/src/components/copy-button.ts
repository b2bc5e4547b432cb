import { mdiCheck, mdiContentCopy } from '@mdi/js';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { copyToClipboard } from '../common/clipboard.js';
import { buttonStyles, srOnlyStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';

const COPIED_FOR_MS = 2000;

/** A small button that copies `text`; it shows a check and says "Copied" for two seconds after. */
@customElement('copy-button')
export class CopyButton extends LitElement {
  /** What a click copies. */
  @property({ attribute: false }) accessor text = '';
  /** The button's name ("Copy the answer"), and what it says once copied. */
  @property() accessor label = '';
  @property() accessor copiedLabel = '';

  @state() private accessor copied = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async copy(): Promise<void> {
    if (!(await copyToClipboard(this.text, this.renderRoot as ShadowRoot))) return;
    this.copied = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.copied = false), COPIED_FOR_MS);
  }

  override render() {
    const label = this.copied ? this.copiedLabel : this.label;
    return html`<button class="icon-button" data-testid="copy-button" aria-label=${label} title=${label} @click=${() => void this.copy()}>
        <mdi-icon .path=${this.copied ? mdiCheck : mdiContentCopy}></mdi-icon>
      </button>
      <span class="sr-only" role="status">${this.copied ? this.copiedLabel : ''}</span>`;
  }

  static override styles = [
    buttonStyles,
    srOnlyStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        color: var(--secondary-text-color, #727272);
      }
      .icon-button {
        inline-size: 32px;
        block-size: 32px;
        --mdc-icon-size: 18px;
      }
      .icon-button:focus-visible {
        outline: 2px solid var(--primary-color, #03a9f4);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'copy-button': CopyButton;
  }
}
