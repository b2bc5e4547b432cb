import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../common/markdown.js';
import './copy-button.js';

/**
 * The model's answer as markdown. The HTML given to `unsafeHTML` has always been through
 * `renderMarkdown`, which escapes the model's raw HTML and sanitises the rest.
 */
@customElement('md-message')
export class MdMessage extends LitElement {
  @property() accessor text = '';
  /** Still arriving: shows a caret and tells assistive technology to wait. */
  @property({ type: Boolean, reflect: true }) accessor streaming = false;
  /** The code blocks' copy button: its name, and what it says once copied (none without them). */
  @property() accessor copyCodeLabel = '';
  @property() accessor copiedLabel = '';

  private sanitized = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.sanitized = renderMarkdown(this.text);
    if (changed.has('streaming')) this.setAttribute('aria-busy', String(this.streaming));
  }

  override render() {
    return html`<div class="content">${unsafeHTML(this.sanitized)}</div>`;
  }

  protected override updated(): void {
    if (!this.streaming && this.copyCodeLabel) this.addCodeCopyButtons();
  }

  /**
   * Each finished code block gets a copy button in its corner. The blocks come from the rendered
   * markdown (unsafeHTML), so the buttons are added to its DOM, which lit replaces whole when the
   * text changes; a block that has one already is left alone.
   */
  private addCodeCopyButtons(): void {
    for (const pre of this.renderRoot.querySelectorAll<HTMLPreElement>('.content pre')) {
      if (pre.parentElement?.classList.contains('code-block')) continue;
      const block = document.createElement('div');
      block.className = 'code-block';
      const button = document.createElement('copy-button');
      button.text = (pre.querySelector('code') ?? pre).textContent ?? '';
      button.label = this.copyCodeLabel;
      button.copiedLabel = this.copiedLabel;
      pre.replaceWith(block);
      block.append(pre, button);
    }
  }

  static override styles = css`
    :host {
      display: block;
      overflow-wrap: anywhere;
      line-height: 1.5;
    }
    .content > :first-child {
      margin-block-start: 0;
    }
    .content > :last-child {
      margin-block-end: 0;
    }
    :host([streaming]) .content > :last-child::after {
      content: '▍';
      margin-inline-start: 2px;
      color: var(--primary-color, #03a9f4);
      animation: blink 1s steps(2, start) infinite;
    }
    @keyframes blink {
      to {
        visibility: hidden;
      }
    }
    p,
    ul,
    ol,
    pre,
    blockquote,
    table {
      margin-block: 0.5em;
    }
    ul,
    ol {
      padding-inline-start: 1.4em;
    }
    h1,
    h2,
    h3,
    h4,
    h5,
    h6 {
      margin-block: 0.8em 0.4em;
      font-size: 1.05em;
      font-weight: 500;
    }
    a {
      color: var(--primary-color, #03a9f4);
    }
    code {
      font-family: var(--ha-font-family-code, monospace);
      font-size: 0.92em;
      padding: 1px 4px;
      border-radius: 4px;
      background: var(--majordome-code-background, rgba(127, 127, 127, 0.12));
    }
    pre {
      overflow-x: auto;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--majordome-code-background, rgba(127, 127, 127, 0.12));
    }
    pre code {
      padding: 0;
      background: none;
    }
    .code-block {
      position: relative;
    }
    .code-block > copy-button {
      position: absolute;
      inset-block-start: 2px;
      inset-inline-end: 2px;
    }
    .code-block > pre {
      padding-inline-end: 40px;
    }
    blockquote {
      margin-inline: 0;
      padding-inline-start: 12px;
      border-inline-start: 3px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      color: var(--secondary-text-color, #727272);
    }
    table {
      border-collapse: collapse;
      display: block;
      overflow-x: auto;
    }
    th,
    td {
      padding: 4px 8px;
      border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      text-align: start;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'md-message': MdMessage;
  }
}
