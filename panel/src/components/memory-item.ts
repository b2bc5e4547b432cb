import { mdiCheck, mdiClose, mdiDeleteOutline, mdiPencilOutline } from '@mdi/js';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent } from '../common/fire-event.js';
import { formatDateTime, formatRelativeTime } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import type { Memory } from '../data/memories.js';
import { buttonStyles } from '../styles/shared-styles.js';
import './mdi-icon.js';

/** One remembered fact: read, corrected in place, or forgotten; the view owns which one is being edited. */
@customElement('memory-item')
export class MemoryItem extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor memory!: Memory;
  @property({ type: Boolean }) accessor editing = false;
  @property({ type: Boolean }) accessor busy = false;
  /** Why the last correction was refused. */
  @property() accessor error: string | undefined;
  /** Say whose memory this is (an administrator's list of everyone's). */
  @property({ type: Boolean }) accessor showOwner = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing) this.renderRoot.querySelector('textarea')?.focus();
  }

  private save(event: Event): void {
    event.preventDefault();
    const fact = this.renderRoot.querySelector('textarea')?.value.trim() ?? '';
    if (fact) fireEvent(this, 'memory-save', { id: this.memory.id, fact });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey) this.save(event);
    if (event.key === 'Escape') {
      event.stopPropagation();
      fireEvent(this, 'memory-edit', undefined);
    }
  }

  private renderEditing() {
    const l = this.localize;
    return html`<form @submit=${this.save}>
      <textarea data-testid="memory-field" aria-label=${l('memories.edit_label')} maxlength="500" rows="2" .value=${this.memory.fact} ?disabled=${this.busy}
        @keydown=${this.onKey}></textarea>
      ${this.error ? html`<p class="error" role="alert" data-testid="memory-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="button" type="button" data-testid="memory-cancel" @click=${() => fireEvent(this, 'memory-edit', undefined)}>
          <mdi-icon .path=${mdiClose}></mdi-icon>${l('memories.cancel')}
        </button>
        <button class="button filled" type="submit" data-testid="memory-save" ?disabled=${this.busy}><mdi-icon .path=${mdiCheck}></mdi-icon>${l('memories.save')}</button>
      </div>
    </form>`;
  }

  override render() {
    const l = this.localize;
    const m = this.memory;
    if (this.editing) return this.renderEditing();
    const owner = m.user_name ?? m.user_id;
    return html`<div class="row">
      <div class="main">
        <span class="fact">${m.fact}</span>
        <span class="muted">
          ${this.showOwner && owner ? html`<span class="owner">${owner}</span> · ` : nothing}<span title=${formatDateTime(m.created_at, this.language)}>${l('memories.saved', { when: formatRelativeTime(m.created_at, this.language) })}</span>
        </span>
      </div>
      <button class="icon-button" data-testid="memory-edit" aria-label=${l('memories.edit')} title=${l('memories.edit')} ?disabled=${this.busy}
        @click=${() => fireEvent(this, 'memory-edit', { id: m.id })}><mdi-icon .path=${mdiPencilOutline}></mdi-icon></button>
      <button class="icon-button" data-testid="memory-delete" aria-label=${l('memories.delete')} title=${l('memories.delete')} ?disabled=${this.busy}
        @click=${() => fireEvent(this, 'memory-forget', { id: m.id })}><mdi-icon .path=${mdiDeleteOutline}></mdi-icon></button>
    </div>`;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        padding-block: 8px;
        border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      .row {
        display: flex;
        align-items: center;
        gap: 4px;
      }
      .main {
        flex: 1;
        min-inline-size: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--secondary-text-color, #727272);
        font-size: 13px;
      }
      .owner {
        font-weight: 500;
        color: var(--primary-text-color, #212121);
      }
      textarea {
        box-sizing: border-box;
        inline-size: 100%;
        padding: 8px 12px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        border-radius: 8px;
        background: var(--input-fill-color, var(--secondary-background-color, #f5f5f5));
        color: var(--primary-text-color, #212121);
        font: inherit;
        resize: vertical;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-block-start: 8px;
      }
      .button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        --mdc-icon-size: 18px;
      }
      .error {
        margin: 6px 0 0;
        color: var(--error-color, #db4437);
        font-size: 13px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'memory-item': MemoryItem;
  }
}
