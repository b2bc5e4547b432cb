import { mdiShieldCheckOutline } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalizeFunc } from '../common/localize.js';
import type { ApprovalsState } from '../controllers/approvals-controller.js';
import type { Approval } from '../data/approvals.js';
import '../components/approval-card.js';
import '../components/mdi-icon.js';

const RECENT_LIMIT = 10;

/** Everything waiting for a decision, then the latest decided ones; decisions bubble up to the app. */
@customElement('approvals-view')
export class ApprovalsView extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor approvals!: ApprovalsState;

  private renderCard(approval: Approval) {
    return html`<approval-card
      data-testid="approval-card"
      data-approval-id=${approval.id}
      .localize=${this.localize}
      .language=${this.language}
      .approvalId=${approval.id}
      .tool=${approval.tool}
      .summary=${approval.summary}
      .reason=${approval.reason}
      .input=${approval.input}
      .status=${approval.status}
      .decidedBy=${approval.decidedBy}
      .expiresAt=${approval.expiresAt}
      .busy=${this.approvals.deciding.has(approval.id)}
      .error=${this.approvals.decisionErrors[approval.id]}
      .canSaveRule=${this.approvals.canSaveRules && approval.ruleSavable === true}
      .ruleRefused=${this.approvals.canSaveRules && approval.ruleSavable === false}
    ></approval-card>`;
  }

  override render() {
    const l = this.localize;
    const { approvals, loaded, loadError } = this.approvals;
    const pending = approvals.filter((a) => a.status === 'pending');
    const recent = approvals.filter((a) => a.status !== 'pending').slice(0, RECENT_LIMIT);
    return html`
      <div class="page">
        <h2>${l('approvals.pending')}</h2>
        ${loadError ? html`<p class="error" role="alert">${l('approvals.load_failed', { message: loadError })}</p>` : nothing}
        ${loaded && pending.length === 0 && !loadError
          ? html`<div class="none"><mdi-icon .path=${mdiShieldCheckOutline}></mdi-icon><p>${l('approvals.none')}</p></div>`
          : nothing}
        ${repeat(pending, (a) => a.id, (a) => this.renderCard(a))}
        ${recent.length > 0
          ? html`<h2>${l('approvals.recent')}</h2>
              ${repeat(recent, (a) => a.id, (a) => this.renderCard(a))}`
          : nothing}
      </div>
    `;
  }

  static override styles = css`
    :host {
      display: block;
      block-size: 100%;
      overflow-y: auto;
    }
    .page {
      display: flex;
      flex-direction: column;
      gap: 12px;
      max-inline-size: 720px;
      margin-inline: auto;
      padding: 16px;
    }
    h2 {
      margin-block: 8px 0;
      font-size: 16px;
      font-weight: 500;
      color: var(--secondary-text-color, #727272);
    }
    .none {
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 32px 16px;
      color: var(--secondary-text-color, #727272);
      --mdc-icon-size: 48px;
    }
    .none mdi-icon {
      color: var(--success-color, #43a047);
    }
    .error {
      color: var(--error-color, #db4437);
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'approvals-view': ApprovalsView;
  }
}
