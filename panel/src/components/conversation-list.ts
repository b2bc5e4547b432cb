import { mdiCheck, mdiClose, mdiDeleteOutline, mdiMagnify, mdiPencilOutline } from '@mdi/js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { fireEvent } from '../common/fire-event.js';
import { formatRelativeTime } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import type { Conversation } from '../data/conversations.js';
import { conversationListStyles } from './conversation-list-styles.js';
import './mdi-icon.js';

/** Which row is being renamed or asked about deletion; owned by the view. */
export type ConversationEdit = { id: string; mode: 'rename' | 'delete' } | undefined;

/** The user's conversations with search, rename and delete; selection and edits are the view's. */
@customElement('conversation-list')
export class ConversationList extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor conversations: readonly Conversation[] = [];
  @property() accessor selectedId: string | undefined;
  @property() accessor search = '';
  @property({ attribute: false }) accessor editing: ConversationEdit;
  @property() accessor error: string | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    // Renaming starts with the caret in the field, its text selected, as in HA's dialogs.
    if (changed.has('editing') && this.editing?.mode === 'rename') {
      const input = this.renderRoot.querySelector<HTMLInputElement>('input.rename');
      input?.focus();
      input?.select();
    }
  }

  private onRenameKey(event: KeyboardEvent, id: string): void {
    if (event.key === 'Enter') this.submitRename(event, id);
    if (event.key === 'Escape') {
      event.stopPropagation();
      fireEvent(this, 'conversation-edit', undefined);
    }
  }

  private submitRename(event: Event, id: string): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input.rename');
    const title = input?.value.trim() ?? '';
    if (title) fireEvent(this, 'conversation-rename', { id, title });
  }

  private renderRow(c: Conversation) {
    const l = this.localize;
    const title = c.title || l('conversations.untitled');
    if (this.editing?.id === c.id && this.editing.mode === 'rename') {
      return html`<form class="row editing" @submit=${(e: Event) => this.submitRename(e, c.id)}>
        <input class="rename" .value=${title} aria-label=${l('conversations.rename_label')} maxlength="200"
          @keydown=${(e: KeyboardEvent) => this.onRenameKey(e, c.id)} />
        <button class="icon-button" type="submit" aria-label=${l('conversations.save')}><mdi-icon .path=${mdiCheck}></mdi-icon></button>
        <button class="icon-button" type="button" aria-label=${l('conversations.cancel')} @click=${() => fireEvent(this, 'conversation-edit', undefined)}>
          <mdi-icon .path=${mdiClose}></mdi-icon>
        </button>
      </form>`;
    }
    if (this.editing?.id === c.id && this.editing.mode === 'delete') {
      return html`<div class="row confirm" role="alert">
        <span>${l('conversations.delete_confirm')}</span>
        <button class="button danger" @click=${() => fireEvent(this, 'conversation-delete', { id: c.id })}>${l('conversations.delete')}</button>
        <button class="button" @click=${() => fireEvent(this, 'conversation-edit', undefined)}>${l('conversations.cancel')}</button>
      </div>`;
    }
    return html`<div class="row ${c.id === this.selectedId ? 'selected' : ''}">
      <button class="open" aria-current=${c.id === this.selectedId ? 'page' : 'false'} @click=${() => fireEvent(this, 'conversation-select', { id: c.id })}>
        <span class="title">${title}</span>
        <span class="when">${formatRelativeTime(c.updated_at, this.language)}</span>
      </button>
      <button class="icon-button" aria-label="${l('conversations.rename')}: ${title}" title=${l('conversations.rename')}
        @click=${() => fireEvent(this, 'conversation-edit', { id: c.id, mode: 'rename' })}><mdi-icon .path=${mdiPencilOutline}></mdi-icon></button>
      <button class="icon-button" aria-label="${l('conversations.delete')}: ${title}" title=${l('conversations.delete')}
        @click=${() => fireEvent(this, 'conversation-edit', { id: c.id, mode: 'delete' })}><mdi-icon .path=${mdiDeleteOutline}></mdi-icon></button>
    </div>`;
  }

  override render() {
    const l = this.localize;
    const empty = this.search.trim() ? l('conversations.no_match') : l('conversations.empty');
    return html`
      <div class="search">
        <mdi-icon .path=${mdiMagnify}></mdi-icon>
        <label class="sr-only" for="search">${l('conversations.search')}</label>
        <input id="search" type="search" placeholder=${l('conversations.search')} .value=${this.search}
          @input=${(e: Event) => fireEvent(this, 'conversation-search', { value: (e.target as HTMLInputElement).value })} />
      </div>
      ${this.error ? html`<p class="message error" role="alert">${l('conversations.load_failed', { message: this.error })}</p>` : nothing}
      ${this.conversations.length === 0 && !this.error ? html`<p class="message">${empty}</p>` : nothing}
      <ul>
        ${repeat(this.conversations, (c) => c.id, (c) => html`<li data-testid="conversation-item" data-id=${c.id}>${this.renderRow(c)}</li>`)}
      </ul>
    `;
  }

  static override styles = conversationListStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'conversation-list': ConversationList;
  }
}
