import { mdiSend, mdiStop } from '@mdi/js';
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { fireEvent } from '../common/fire-event.js';
import type { LocalizeFunc } from '../common/localize.js';
import { buttonStyles, srOnlyStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';

/** The message box: Enter sends, Shift+Enter adds a line, Escape stops; Stop replaces Send during a turn. */
@customElement('chat-composer')
export class ChatComposer extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  /** A turn is running: sending waits, Stop is offered. */
  @property({ type: Boolean }) accessor busy = false;
  @property({ type: Boolean }) accessor disabled = false;

  @query('textarea') private accessor textarea!: HTMLTextAreaElement;

  /** Puts the caret in the message box. */
  override focus(): void {
    this.textarea?.focus();
  }

  private send(): void {
    const text = this.textarea.value.trim();
    if (text === '' || this.busy || this.disabled) return;
    fireEvent(this, 'composer-send', { text });
    this.textarea.value = '';
    this.resize();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && this.busy) {
      event.preventDefault();
      fireEvent(this, 'composer-stop');
    }
  }

  // Grows with its content up to the CSS max-height, like HA's Assist dialog.
  private resize(): void {
    this.textarea.style.blockSize = 'auto';
    this.textarea.style.blockSize = `${this.textarea.scrollHeight}px`;
  }

  override render() {
    const l = this.localize;
    return html`
      <div class="box">
        <label class="sr-only" for="input">${l('composer.label')}</label>
        <textarea
          id="input"
          rows="1"
          data-testid="composer-input"
          placeholder=${l('composer.placeholder')}
          aria-describedby="hint"
          ?disabled=${this.disabled}
          @keydown=${this.onKeyDown}
          @input=${this.resize}
        ></textarea>
        <span id="hint" class="sr-only">${l('composer.hint')}</span>
        ${this.busy
          ? html`<button class="icon-button stop" data-testid="stop-button" aria-label=${l('composer.stop')} title=${l('composer.stop')} @click=${() => fireEvent(this, 'composer-stop')}>
              <mdi-icon .path=${mdiStop}></mdi-icon>
            </button>`
          : html`<button class="icon-button send" data-testid="composer-send" aria-label=${l('composer.send')} title=${l('composer.send')} ?disabled=${this.disabled} @click=${this.send}>
              <mdi-icon .path=${mdiSend}></mdi-icon>
            </button>`}
      </div>
    `;
  }

  static override styles = [
    buttonStyles,
    srOnlyStyles,
    css`
      :host {
        display: block;
      }
      .box {
        display: flex;
        align-items: flex-end;
        gap: 4px;
        padding-block: 4px;
        padding-inline: 16px 4px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        border-radius: 24px;
        background: var(--card-background-color, #fff);
      }
      .box:focus-within {
        border-color: var(--primary-color, #03a9f4);
      }
      textarea {
        flex: 1;
        min-inline-size: 0;
        max-block-size: 40vh;
        box-sizing: border-box;
        padding-block: 10px;
        padding-inline: 0;
        border: none;
        outline: none;
        resize: none;
        background: none;
        color: var(--primary-text-color, #212121);
        font: inherit;
        font-size: 16px;
        line-height: 20px;
      }
      /* The whole box shows focus (its border), not the bare textarea inside it. */
      textarea:focus-visible {
        outline: none;
      }
      textarea::placeholder {
        color: var(--secondary-text-color, #727272);
      }
      .send {
        color: var(--primary-color, #03a9f4);
      }
      .stop {
        color: var(--error-color, #db4437);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-composer': ChatComposer;
  }
}
