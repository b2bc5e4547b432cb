import { mdiAlertCircleOutline, mdiCancel, mdiCheckCircleOutline, mdiChevronDown, mdiProgressWrench } from '@mdi/js';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatToolInput } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import { toolImagesOf } from '../common/tool-images.js';
import { pictureAlt, resultWords, toolTitle } from '../common/tool-words.js';
import type { ImageState } from '../controllers/images-controller.js';
import type { ToolOutcome, ToolWaiting } from '../data/transcript.js';
import { cardStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';
import './tool-image.js';

type ToolStatus = 'running' | 'ok' | 'error' | 'cancelled';

const ICONS: Record<ToolStatus, string> = { running: mdiProgressWrench, ok: mdiCheckCircleOutline, error: mdiAlertCircleOutline, cancelled: mdiCancel };
const LABELS = { running: 'tool.running', ok: 'tool.ok', error: 'tool.failed', cancelled: 'tool.cancelled' } as const;
const WAITING_LABELS = { waiting_for_ha: 'tool.waiting_for_ha', waiting_for_approval: 'tool.waiting_for_approval' } as const;

/**
 * One tool call in the conversation, in words: what it did and what came of it, collapsed to one
 * line until opened; the tool's wire name and raw input only under "Details".
 */
@customElement('tool-card')
export class ToolCard extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor name = '';
  @property({ attribute: false }) accessor input: unknown;
  @property({ attribute: false }) accessor result: ToolOutcome | undefined;
  /** The turn was stopped before this call reported back. */
  @property({ type: Boolean }) accessor cancelled = false;
  /** What the running call waits for (HA's connection to come back, or its approval). */
  @property({ attribute: false }) accessor waiting: ToolWaiting | undefined;
  /** The pictures the result's summary points at, in order (see common/tool-images.ts). */
  @property({ attribute: false }) accessor images: readonly ImageState[] = [];

  private get status(): ToolStatus {
    if (this.result) return this.result.ok ? 'ok' : 'error';
    return this.cancelled ? 'cancelled' : 'running';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reflected so tests and styles can tell a running call from a finished one.
    if (changed.has('result') || changed.has('cancelled')) this.dataset.status = this.status;
  }

  override render() {
    const status = this.status;
    const icon = ICONS[status];
    const label = this.localize(LABELS[status]);
    const waiting = status === 'running' && this.waiting ? this.localize(WAITING_LABELS[this.waiting]) : undefined;
    const pictures = toolImagesOf(this.result?.summary ?? '');
    const outcome = this.result ? pictureAlt(resultWords(this.name, this.input, pictures.caption, this.localize), this.localize) : '';
    const gist = outcome || waiting || (status === 'running' ? label : '');
    return html`
      <details class="card">
        <summary>
          <mdi-icon class="status ${status}" .path=${icon} role="img" aria-label=${label}></mdi-icon>
          <span class="text">
            <span class="name" data-testid="tool-title">${toolTitle(this.name, this.input, this.localize)}</span>
            <span class="gist">${gist}</span>
          </span>
          <mdi-icon class="chevron" .path=${mdiChevronDown}></mdi-icon>
        </summary>
        <div class="body">
          ${this.result
            ? html`<h4>${this.localize('tool.result')}</h4>
                <p class=${this.result.ok ? '' : 'error'}>${outcome}</p>`
            : nothing}
          <details class="raw" data-testid="tool-details">
            <summary>${this.localize('tool.details')}</summary>
            <code class="tool-name">${this.name}</code>
            <pre>${formatToolInput(this.input)}</pre>
          </details>
        </div>
      </details>
      ${this.images.map(
        (image) => html`<tool-image
          class="picture"
          data-testid="tool-image"
          .image=${image}
          .alt=${outcome}
          .openLabel=${this.localize('tool.image_open')}
          .loadingLabel=${this.localize('tool.image_loading')}
          .failedLabel=${this.localize('tool.image_failed')}
        ></tool-image>`,
      )}
    `;
  }

  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
        --mdc-icon-size: 20px;
      }
      .picture {
        margin-block-start: 6px;
      }
      summary {
        display: flex;
        align-items: center;
        gap: 10px;
        padding-block: 8px;
        padding-inline: 12px;
        cursor: pointer;
        list-style: none;
        border-radius: var(--ha-card-border-radius, 12px);
      }
      summary::-webkit-details-marker {
        display: none;
      }
      .text {
        display: flex;
        flex-direction: column;
        min-inline-size: 0;
        flex: 1;
      }
      .name {
        font-size: 14px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .raw {
        margin-block-start: 10px;
      }
      .raw > summary {
        padding: 0;
        display: list-item;
        list-style: revert;
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .tool-name {
        display: block;
        margin-block: 6px 4px;
        font-family: var(--ha-font-family-code, monospace);
        font-size: 12px;
      }
      .gist {
        color: var(--secondary-text-color, #727272);
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .status.running {
        color: var(--primary-color, #03a9f4);
        animation: pulse 1.2s ease-in-out infinite;
      }
      .status.cancelled {
        color: var(--secondary-text-color, #727272);
      }
      .status.ok {
        color: var(--success-color, #43a047);
      }
      .status.error,
      .error {
        color: var(--error-color, #db4437);
      }
      .chevron {
        color: var(--secondary-text-color, #727272);
        transition: transform 0.2s;
      }
      details[open] .chevron {
        transform: rotate(180deg);
      }
      .body {
        padding-block: 0 12px;
        padding-inline: 12px;
        border-block-start: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      h4 {
        margin-block: 10px 4px;
        font-size: 12px;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--secondary-text-color, #727272);
      }
      pre {
        margin: 0;
        padding: 8px;
        overflow-x: auto;
        border-radius: 8px;
        background: var(--majordome-code-background, rgba(127, 127, 127, 0.12));
        font-family: var(--ha-font-family-code, monospace);
        font-size: 12px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @keyframes pulse {
        50% {
          opacity: 0.4;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.running,
        .chevron {
          animation: none;
          transition: none;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'tool-card': ToolCard;
  }
}
