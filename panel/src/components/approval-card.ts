import { mdiCheck, mdiCheckAll, mdiClose, mdiShieldAlertOutline, mdiShieldCheckOutline, mdiShieldOffOutline } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent, type ApprovalChoice } from '../common/fire-event.js';
import { formatRelativeTime, formatToolInput, sentenceStart } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import type { ApprovalStatus } from '../data/approvals.js';
import { buttonStyles, cardStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';

/** An action waiting for a human: what will happen, why it asks, Approve / Deny / Always allow; or how it was decided. */
@customElement('approval-card')
export class ApprovalCard extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property() accessor approvalId = '';
  @property() accessor tool = '';
  @property() accessor summary = '';
  @property() accessor reason: string | undefined;
  @property({ attribute: false }) accessor input: unknown;
  @property({ reflect: true }) accessor status: ApprovalStatus = 'pending';
  @property() accessor decidedBy: string | undefined;
  @property() accessor expiresAt: string | undefined;
  /** A decision is on its way to the server. */
  @property({ type: Boolean }) accessor busy = false;
  @property() accessor error: string | undefined;
  /** This user may save rules: offer "Always allow". */
  @property({ type: Boolean }) accessor canSaveRule = false;
  /** This user may save rules, but not for this call (a lock, a gate…): say it asks every time. */
  @property({ type: Boolean }) accessor ruleRefused = false;

  private decide(decision: ApprovalChoice): void {
    fireEvent(this, 'approval-decision', { id: this.approvalId, decision });
  }

  private renderOutcome() {
    const l = this.localize;
    const by = this.decidedBy;
    if (this.status === 'approved') return by ? l('approval.approved_by', { by }) : l('approval.approved');
    if (this.status === 'denied') return by ? l('approval.denied_by', { by }) : l('approval.denied');
    return l('approval.expired');
  }

  override render() {
    const l = this.localize;
    const pending = this.status === 'pending';
    const icon = pending ? mdiShieldAlertOutline : this.status === 'approved' ? mdiShieldCheckOutline : mdiShieldOffOutline;
    const titleId = `title-${this.approvalId}`;
    return html`
      <section class="card ${this.status}" role="group" aria-labelledby=${titleId}>
        <header>
          <mdi-icon .path=${icon}></mdi-icon>
          <h3 id=${titleId} aria-live="polite">${pending ? l('approval.title') : this.renderOutcome()}</h3>
          <code>${this.tool}</code>
        </header>
        <dl>
          <dt>${l('approval.what')}</dt>
          <dd class="summary">${this.summary}</dd>
          <dt>${l('approval.why')}</dt>
          <dd>${this.reason ? sentenceStart(this.reason, this.language) : l('approval.why_default', { tool: this.tool })}</dd>
        </dl>
        <details>
          <summary>${l('approval.details')}</summary>
          <pre>${formatToolInput(this.input)}</pre>
        </details>
        ${this.error ? html`<p class="error" role="alert">${l('approval.failed', { message: this.error })}</p>` : nothing}
        ${pending && this.ruleRefused ? html`<p class="expires" data-testid="approval-always-refused">${l('approval.always_refused')}</p>` : nothing}
        ${pending && this.expiresAt
          ? html`<p class="expires">${l('approval.expires', { when: formatRelativeTime(this.expiresAt, this.language) })}</p>`
          : nothing}
        ${pending
          ? html`<div class="actions">
              <button class="button outlined" data-testid="approval-deny" ?disabled=${this.busy} @click=${() => this.decide('deny')}>
                <mdi-icon .path=${mdiClose}></mdi-icon>${l('approval.deny')}
              </button>
              ${this.canSaveRule
                ? html`<button
                    class="button outlined"
                    data-testid="approval-always"
                    title=${l('approval.always_hint')}
                    ?disabled=${this.busy}
                    @click=${() => this.decide('always')}
                  >
                    <mdi-icon .path=${mdiCheckAll}></mdi-icon>${l('approval.always')}
                  </button>`
                : nothing}
              <button class="button filled" data-testid="approval-approve" ?disabled=${this.busy} @click=${() => this.decide('approve')}>
                <mdi-icon .path=${mdiCheck}></mdi-icon>${l('approval.approve')}
              </button>
            </div>`
          : nothing}
      </section>
    `;
  }

  static override styles = [
    cardStyles,
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .card {
        padding: 12px 16px;
        border-inline-start: 4px solid var(--warning-color, #ffa600);
      }
      .card.approved {
        border-inline-start-color: var(--success-color, #43a047);
      }
      .card.denied,
      .card.expired {
        border-inline-start-color: var(--disabled-text-color, #bdbdbd);
      }
      header {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        color: var(--warning-color, #ffa600);
      }
      .approved header {
        color: var(--success-color, #43a047);
      }
      .denied header,
      .expired header {
        color: var(--secondary-text-color, #727272);
      }
      h3 {
        margin: 0;
        font-size: 15px;
        font-weight: 500;
        color: var(--primary-text-color, #212121);
      }
      code {
        font-family: var(--ha-font-family-code, monospace);
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      dl {
        margin-block: 8px;
      }
      dt {
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      dd {
        margin-inline-start: 0;
        margin-block-end: 6px;
        overflow-wrap: anywhere;
      }
      /* A summary may be a YAML config or a difference: its line breaks and indents are its meaning. */
      dd.summary {
        white-space: pre-wrap;
      }
      summary {
        cursor: pointer;
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      pre {
        margin-block: 6px 0;
        padding: 8px;
        border-radius: 8px;
        background: var(--majordome-code-background, rgba(127, 127, 127, 0.12));
        font-family: var(--ha-font-family-code, monospace);
        font-size: 12px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 8px;
        margin-block-start: 12px;
        --mdc-icon-size: 18px;
      }
      .actions .button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      .expires {
        margin-block: 8px 0;
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      .error {
        color: var(--error-color, #db4437);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'approval-card': ApprovalCard;
  }
}
