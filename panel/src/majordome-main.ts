import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PanelEvent } from './common/fire-event.js';
import type { LocalizeFunc } from './common/localize.js';
import { retryDelayMs } from './common/retry-delay.js';
import { formatRoute, parseRoute, type Route } from './common/route.js';
import { ApprovalsController } from './controllers/approvals-controller.js';
import { ChatController } from './controllers/chat-controller.js';
import type { PanelApi } from './data/api.js';
import { decideApproval, listApprovals } from './data/approvals.js';
import { fetchConversation } from './data/conversations.js';
import { alwaysAllow, listRules } from './data/rules.js';
import { INGRESS_SESSION, type PanelSession } from './data/session.js';
import { createPanelSocket } from './data/socket.js';
import './components/app-toolbar.js';
import './views/approvals-view.js';
import './views/chat-view.js';
import './views/memories-view.js';
import './views/status-view.js';
import './views/tasks-view.js';

type Connection = 'connecting' | 'connected' | 'lost' | 'refused' | 'ha-unavailable';

// BCP 47 as the chat API accepts it; anything else is not sent.
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * The signed-in panel: owns the socket and the chat and approvals state, routes between the
 * pages. The root (majordome-app) creates it once the session is known.
 */
@customElement('majordome-main')
export class MajordomeMain extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  /** Set before the element connects; the socket reads it at every (re)connection. */
  @property({ attribute: false }) accessor session: PanelSession = INGRESS_SESSION;
  @property({ attribute: false }) accessor api!: PanelApi;
  /** The language the model answers in (HA's, else the browser's), as a BCP 47 tag. */
  @property() accessor answerLanguage = navigator.language;
  /** HA frames the panel on a narrow screen: show HA's menu button. */
  @property({ type: Boolean }) accessor haMenu = false;
  /** HA shows its own header (menu and name) above the panel: the toolbar does not repeat them. */
  @property({ type: Boolean }) accessor haHeader = false;

  // Created idle; connect() and disconnect() follow the element's lifecycle.
  private readonly socket = createPanelSocket({ accessToken: () => this.session.accessToken() });
  private readonly chat = new ChatController(this, {
    socket: this.socket,
    // Read at each message: HA's language may arrive or change after the panel started.
    language: () => (LANGUAGE_TAG.test(this.answerLanguage) ? this.answerLanguage : undefined),
    loadConversation: (id) => fetchConversation(this.api, id),
    onConversationChange: (id) => this.replaceRoute({ view: 'chat', conversationId: id }),
    onApprovalEvent: () => void this.approvals.refresh(),
  });
  private readonly approvals = new ApprovalsController(this, {
    socket: this.socket,
    // In the panel's language: an approver reads what and why in theirs, not the requester's.
    list: () => listApprovals(this.api, undefined, this.language),
    decide: (id, decision) => decideApproval(this.api, id, decision, this.language),
    alwaysAllow: (id) => alwaysAllow(this.api, id, this.language),
    canSaveRules: async () => (await listRules(this.api))?.canManage ?? false,
  });
  /** A refused handshake already led to one token renewal; cleared once connected. */
  private renewedAfterRefusal = false;
  /** Handshakes refused because HA could not check the token, since the last success (the back-off). */
  private haRetries = 0;
  private haRetryTimer: ReturnType<typeof setTimeout> | undefined;

  @state() private accessor route: Route = { view: 'chat' };
  @state() private accessor connection: Connection = 'connecting';
  @state() private accessor connectionError = '';
  @state() private accessor drawerOpen = false;
  @state() private accessor statusRevision = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('keydown', this.onKeyDown);
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('status:changed', this.onStatusChanged);
    this.socket.connect();
    this.onHashChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('keydown', this.onKeyDown);
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off('status:changed', this.onStatusChanged);
    clearTimeout(this.haRetryTimer);
    this.socket.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // HA's language can arrive or change after the approvals loaded: they are worded again in it.
    if (changed.has('language') && changed.get('language') !== undefined) void this.approvals.refresh();
  }

  private readonly onConnect = (): void => {
    // Back from an HA outage: what the views loaded meanwhile failed, so they load again.
    if (this.connection === 'ha-unavailable') {
      this.statusRevision += 1;
      void this.approvals.refresh();
      const { conversationId, loadError } = this.chat.state;
      if (loadError !== undefined && conversationId !== undefined) void this.chat.open(conversationId, { reload: true });
    }
    this.connection = 'connected';
    this.renewedAfterRefusal = false;
    this.haRetries = 0;
  };

  private readonly onDisconnect = (): void => {
    if (this.isConnected) this.connection = 'lost';
  };

  private readonly onConnectError = (err: Error): void => {
    // socket.io stops retrying when the server's middleware refused the connection (identity, Origin).
    if (!this.socket.active && refusalCode(err) === 'ha_unavailable') return this.waitForHa();
    this.connection = this.socket.active ? 'lost' : 'refused';
    this.connectionError = err.message;
    // Standalone, an expired HA token is refused: renew it once and try again.
    if (!this.socket.active && this.session.standalone && !this.renewedAfterRefusal) {
      this.renewedAfterRefusal = true;
      void this.session.renew().then((renewed) => {
        if (renewed === 'unreachable') this.waitForHa();
        else if (renewed === 'renewed' && this.isConnected) this.socket.connect();
      });
    }
  };

  /** HA could not check (or renew) the token: say so, and try again later rather than ask for a sign-in. */
  private waitForHa(): void {
    this.connection = 'ha-unavailable';
    this.renewedAfterRefusal = false;
    clearTimeout(this.haRetryTimer);
    this.haRetryTimer = setTimeout(() => {
      if (this.isConnected && !this.socket.connected) this.socket.connect();
    }, retryDelayMs(this.haRetries));
    this.haRetries += 1;
  }

  private readonly onStatusChanged = (): void => {
    this.statusRevision += 1;
  };

  private readonly onHashChange = (): void => {
    this.route = parseRoute(window.location.hash);
    this.drawerOpen = false;
    if (this.route.view === 'chat' && this.route.conversationId !== this.chat.state.conversationId) {
      void this.chat.open(this.route.conversationId);
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (this.drawerOpen) this.drawerOpen = false;
    else if (this.route.view === 'chat' && this.chat.state.busy) this.chat.stop();
  };

  private go(route: Route): void {
    const hash = formatRoute(route);
    if (window.location.hash === hash) this.onHashChange();
    else window.location.hash = hash;
  }

  /** Updates the address without a history entry (a new chat getting its id). */
  private replaceRoute(route: Route): void {
    const url = new URL(window.location.href);
    url.hash = formatRoute(route);
    window.history.replaceState(window.history.state, '', url);
    this.route = route;
  }

  private onNavigate(event: PanelEvent<'navigate'>): void {
    const view = event.detail.view;
    this.go(view === 'chat' ? { view, ...(this.chat.state.conversationId && { conversationId: this.chat.state.conversationId }) } : { view });
  }

  private onNewChat(): void {
    void this.chat.open(undefined);
    this.go({ view: 'chat' });
  }

  private renderConnection() {
    if (this.connection === 'ha-unavailable') {
      return html`<div class="connection" role="status" data-testid="connection-ha-unavailable">${this.localize('connection.ha_unavailable')}</div>`;
    }
    if (this.connection === 'lost') return html`<div class="connection" role="status">${this.localize('connection.lost')}</div>`;
    if (this.connection === 'refused') {
      return html`<div class="connection" role="alert">${this.localize('connection.refused', { message: this.connectionError })}</div>`;
    }
    return nothing;
  }

  private renderView() {
    const l = this.localize;
    switch (this.route.view) {
      case 'approvals':
        return html`<approvals-view .localize=${l} .language=${this.language} .approvals=${this.approvals.state}></approvals-view>`;
      case 'tasks':
        return html`<tasks-view .localize=${l} .language=${this.language} .api=${this.api}></tasks-view>`;
      case 'memories':
        return html`<memories-view .localize=${l} .language=${this.language} .api=${this.api}></memories-view>`;
      case 'status':
        return html`<status-view .localize=${l} .language=${this.language} .api=${this.api} .revision=${this.statusRevision}></status-view>`;
      default:
        return html`<chat-view
          .localize=${l}
          .revision=${this.statusRevision}
          .language=${this.language}
          .api=${this.api}
          .chat=${this.chat}
          .chatState=${this.chat.state}
          .approvals=${this.approvals.state}
          .drawerOpen=${this.drawerOpen}
        ></chat-view>`;
    }
  }

  override render() {
    return html`
      <app-toolbar
        .localize=${this.localize}
        .view=${this.route.view}
        .pendingCount=${this.approvals.pending.length}
        .drawerOpen=${this.drawerOpen}
        .haMenu=${this.haMenu}
        .haHeader=${this.haHeader}
        @navigate=${this.onNavigate}
        @new-chat=${this.onNewChat}
        @toggle-drawer=${() => (this.drawerOpen = !this.drawerOpen)}
      ></app-toolbar>
      ${this.renderConnection()}
      <main
        @new-chat=${this.onNewChat}
        @toggle-drawer=${() => (this.drawerOpen = !this.drawerOpen)}
        @conversation-select=${(e: PanelEvent<'conversation-select'>) => this.go({ view: 'chat', conversationId: e.detail.id })}
        @approval-decision=${(e: PanelEvent<'approval-decision'>) => void this.approvals.decide(e.detail.id, e.detail.decision)}
      >
        ${this.renderView()}
      </main>
    `;
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      block-size: 100%;
      background: var(--primary-background-color, #fafafa);
      color: var(--primary-text-color, #212121);
      font-family: var(--ha-font-family-body, Roboto, Noto, sans-serif);
    }
    main {
      flex: 1;
      min-block-size: 0;
    }
    .connection {
      padding-block: 6px;
      padding-inline: 16px;
      background: var(--warning-color, #ffa600);
      color: #000;
      font-size: 13px;
      text-align: center;
    }
  `;
}

/** The code a refused handshake carries in socket.io's `connect_error` (`data.code`). */
function refusalCode(err: Error): unknown {
  const data = (err as Error & { data?: unknown }).data;
  return data && typeof data === 'object' ? (data as { code?: unknown }).code : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'majordome-main': MajordomeMain;
  }
}
