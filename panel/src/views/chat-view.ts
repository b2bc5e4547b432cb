import { mdiRobotOutline } from '@mdi/js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { adviceFor } from '../common/error-advice.js';
import { fireEvent, type PanelEvent } from '../common/fire-event.js';
import type { LocalizeFunc, TranslationKey } from '../common/localize.js';
import type { ApprovalsState } from '../controllers/approvals-controller.js';
import type { ChatController, ChatState } from '../controllers/chat-controller.js';
import { ImagesController } from '../controllers/images-controller.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { deleteConversation, listConversations, renameConversation, type Conversation } from '../data/conversations.js';
import { fetchStatus, type StatusReport } from '../data/status.js';
import type { ConversationEdit } from '../components/conversation-list.js';
import { chatViewStyles } from './chat-view-styles.js';
import { renderModelLabel } from './chat-model-label.js';
import { renderTranscript } from './chat-transcript.js';
import '../components/composer.js';
import '../components/conversation-list.js';
import '../components/error-banner.js';
import '../components/mdi-icon.js';

const EXAMPLES: TranslationKey[] = ['chat.example_1', 'chat.example_2', 'chat.example_3'];
const SEARCH_DELAY_MS = 250;

/** The chat page: conversation list (a drawer on narrow screens), transcript, errors and the composer. */
@customElement('chat-view')
export class ChatView extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;
  @property({ attribute: false }) accessor chat!: ChatController;
  @property({ attribute: false }) accessor chatState!: ChatState;
  @property({ attribute: false }) accessor approvals!: ApprovalsState;
  @property({ type: Boolean }) accessor drawerOpen = false;
  /** Bumped when the data may have changed behind the panel's back (back from an HA outage). */
  @property({ type: Number }) accessor revision = 0;

  @state() private accessor conversations: readonly Conversation[] = [];
  @state() private accessor search = '';
  @state() private accessor editing: ConversationEdit;
  @state() private accessor listError: string | undefined;
  /** The model that answers, from the status report; unknown until it loads (then no label). */
  @state() private accessor llm: StatusReport['llm'] | undefined;

  /** Pictures of tool results, loaded with the API's identity and kept while the page is open. */
  private readonly images = new ImagesController(this, (path, signal) => this.api.fetchBlob(path, { signal }));
  private readonly image = (path: string) => this.images.get(path);

  @query('.transcript') private accessor transcript: HTMLElement | null = null;
  private stickToBottom = true;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private listRequest: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadConversations();
    void this.loadModel();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.listRequest?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('chatState');
    const el = this.transcript;
    this.stickToBottom = !el || el.scrollHeight - el.scrollTop - el.clientHeight < 120;
    if (previous && previous.conversationId !== this.chatState.conversationId) this.stickToBottom = true;
    // A finished turn may have created or renamed a conversation.
    if (previous && previous.turnsEnded !== this.chatState.turnsEnded) void this.loadConversations();
    else if (changed.has('revision') && changed.get('revision') !== undefined) void this.loadConversations();
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.loadModel();
  }

  protected override updated(): void {
    if (this.stickToBottom && this.transcript) this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  private async loadConversations(): Promise<void> {
    this.listRequest?.abort();
    const request = new AbortController();
    this.listRequest = request;
    try {
      this.conversations = await listConversations(this.api, this.search, request.signal);
      this.listError = undefined;
    } catch (err) {
      if (!request.signal.aborted) this.listError = errorMessage(err);
    }
  }

  private async loadModel(): Promise<void> {
    try {
      this.llm = (await fetchStatus(this.api)).llm;
    } catch {
      // The label is a courtesy: without the status, the chat works and simply names no model.
    }
  }

  private onSearch(event: PanelEvent<'conversation-search'>): void {
    this.search = event.detail.value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadConversations(), SEARCH_DELAY_MS);
  }

  private async onRename(event: PanelEvent<'conversation-rename'>): Promise<void> {
    const { id, title } = event.detail;
    try {
      const updated = await renameConversation(this.api, id, title);
      this.conversations = this.conversations.map((c) => (c.id === id ? updated : c));
      this.editing = undefined;
    } catch (err) {
      this.listError = errorMessage(err);
    }
  }

  private async onDelete(event: PanelEvent<'conversation-delete'>): Promise<void> {
    const { id } = event.detail;
    try {
      await deleteConversation(this.api, id);
      this.conversations = this.conversations.filter((c) => c.id !== id);
      this.editing = undefined;
      if (id === this.chatState.conversationId) fireEvent(this, 'new-chat');
    } catch (err) {
      this.listError = errorMessage(err);
    }
  }

  private renderEmpty() {
    const l = this.localize;
    return html`<div class="empty">
      <mdi-icon .path=${mdiRobotOutline}></mdi-icon>
      <h2>${l('chat.empty_title')}</h2>
      <p>${l('chat.empty_hint')}</p>
      <div class="examples">
        ${EXAMPLES.map((key) => html`<button class="chip" @click=${() => void this.chat.send(l(key))}>${l(key)}</button>`)}
      </div>
    </div>`;
  }

  private renderError() {
    const error = this.chatState.error;
    if (!error) return nothing;
    const advice = adviceFor(error.code);
    return html`<error-banner
      data-testid="error-banner"
      data-code=${error.code}
      .localize=${this.localize}
      .advice=${this.localize(advice.key)}
      .detail=${advice.showMessage ? error.message : undefined}
      .retry=${advice.retry}
      @banner-retry=${() => this.chat.retry()}
      @banner-dismiss=${() => this.chat.dismissError()}
    ></error-banner>`;
  }

  private renderBody() {
    const s = this.chatState;
    const l = this.localize;
    if (s.loading) return html`<p class="status" role="status">${l('chat.loading')}</p>`;
    if (s.loadError) return html`<p class="status error" role="alert">${l('chat.load_failed', { message: s.loadError })}</p>`;
    if (s.items.length === 0 && !s.busy) return this.renderEmpty();
    return renderTranscript({ localize: l, language: this.language, approvals: this.approvals, image: this.image }, s.items, {
      conversationId: s.conversationId,
      busy: s.busy,
    });
  }

  override render() {
    const l = this.localize;
    return html`
      <aside id="drawer" class=${this.drawerOpen ? 'open' : ''} aria-label=${l('nav.conversations')}>
        <conversation-list
          .localize=${l}
          .language=${this.language}
          .conversations=${this.conversations}
          .selectedId=${this.chatState.conversationId}
          .search=${this.search}
          .editing=${this.editing}
          .error=${this.listError}
          @conversation-search=${this.onSearch}
          @conversation-edit=${(e: PanelEvent<'conversation-edit'>) => (this.editing = e.detail)}
          @conversation-rename=${this.onRename}
          @conversation-delete=${this.onDelete}
        ></conversation-list>
      </aside>
      ${this.drawerOpen ? html`<div class="scrim" @click=${() => fireEvent(this, 'toggle-drawer')}></div>` : nothing}
      <section class="chat" aria-label=${l('chat.transcript')}>
        ${renderModelLabel(l, this.llm)}
        <div class="transcript" role="log" aria-live="polite" aria-relevant="additions">${this.renderBody()}</div>
        <div class="bottom">
          ${this.chatState.reconnecting ? html`<p class="status" role="status" data-testid="reconnecting">${l('chat.reconnecting')}</p>` : nothing}
          ${this.renderError()}
          <chat-composer
            .localize=${l}
            .busy=${this.chatState.busy}
            @composer-send=${(e: PanelEvent<'composer-send'>) => void this.chat.send(e.detail.text)}
            @composer-stop=${() => this.chat.stop()}
          ></chat-composer>
        </div>
      </section>
    `;
  }

  static override styles = chatViewStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-view': ChatView;
  }
}
