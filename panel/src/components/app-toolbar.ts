import { mdiBrain, mdiClockOutline, mdiCogOutline, mdiFormatListBulleted, mdiForumOutline, mdiMenu, mdiPlus, mdiShieldCheckOutline } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fireEvent, type PanelEvents } from '../common/fire-event.js';
import type { LocalizeFunc, TranslationKey } from '../common/localize.js';
import { buttonStyles, srOnlyDeclarations } from '../styles/shared-styles.js';
import './mdi-icon.js';

type View = PanelEvents['navigate']['view'];

const TABS: ReadonlyArray<{ view: View; icon: string; label: TranslationKey }> = [
  { view: 'chat', icon: mdiForumOutline, label: 'nav.chat' },
  { view: 'approvals', icon: mdiShieldCheckOutline, label: 'nav.approvals' },
  { view: 'tasks', icon: mdiClockOutline, label: 'nav.tasks' },
  { view: 'memories', icon: mdiBrain, label: 'nav.memories' },
  { view: 'status', icon: mdiCogOutline, label: 'nav.status' },
];

/**
 * The top bar: HA's menu button when HA frames the panel on a narrow screen, the title, the
 * conversation drawer and new-chat buttons on the chat page, and the tabs.
 */
@customElement('app-toolbar')
export class AppToolbar extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor view: View = 'chat';
  @property({ type: Number }) accessor pendingCount = 0;
  @property({ type: Boolean }) accessor drawerOpen = false;
  /** HA frames the panel and hides its sidebar (narrow): offer HA's menu, as HA's own panels do. */
  @property({ type: Boolean }) accessor haMenu = false;
  /** HA's own header (its menu button and the add-on's name) is right above: no second title. */
  @property({ type: Boolean }) accessor haHeader = false;

  private renderTab(tab: (typeof TABS)[number]) {
    const l = this.localize;
    const badge =
      tab.view === 'approvals' && this.pendingCount > 0
        ? html`<span class="badge" data-testid="approvals-badge" aria-label=${l('nav.pending', { count: this.pendingCount })}>${this.pendingCount}</span>`
        : nothing;
    return html`<button class="tab" aria-current=${tab.view === this.view ? 'page' : 'false'} @click=${() => fireEvent(this, 'navigate', { view: tab.view })}>
      <span class="icon"><mdi-icon .path=${tab.icon}></mdi-icon>${badge}</span>
      <span class="label">${l(tab.label)}</span>
    </button>`;
  }

  override render() {
    const l = this.localize;
    const chat = this.view === 'chat';
    return html`
      <header>
        ${this.haMenu
          ? html`<button class="icon-button" data-testid="ha-menu" aria-label=${l('nav.ha_menu')} title=${l('nav.ha_menu')}
              @click=${() => fireEvent(this, 'ha-toggle-menu')}><mdi-icon .path=${mdiMenu}></mdi-icon></button>`
          : nothing}
        ${chat
          ? html`<button class="icon-button menu" aria-label=${l('nav.conversations')} aria-expanded=${String(this.drawerOpen)}
              @click=${() => fireEvent(this, 'toggle-drawer')}><mdi-icon .path=${this.haMenu || this.haHeader ? mdiFormatListBulleted : mdiMenu}></mdi-icon></button>`
          : nothing}
        ${this.haHeader ? html`<span class="spacer"></span>` : html`<h1 class=${chat || this.haMenu ? 'beside-menus' : ''}>${l('app.title')}</h1>`}
        ${chat
          ? html`<button class="icon-button" data-testid="new-chat" aria-label=${l('nav.new_chat')} title=${l('nav.new_chat')}
              @click=${() => fireEvent(this, 'new-chat')}><mdi-icon .path=${mdiPlus}></mdi-icon></button>`
          : nothing}
        <nav aria-label=${l('nav.label')}>${TABS.map((tab) => this.renderTab(tab))}</nav>
      </header>
    `;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        align-items: center;
        gap: 4px;
        block-size: 56px;
        padding-inline: 8px;
        box-sizing: border-box;
        background: var(--app-header-background-color, var(--primary-background-color, #fafafa));
        color: var(--app-header-text-color, var(--primary-text-color, #212121));
        border-block-end: 1px solid var(--app-header-border-bottom-color, var(--divider-color, rgba(0, 0, 0, 0.12)));
      }
      h1 {
        flex: 1;
        margin: 0;
        padding-inline-start: 8px;
        font-size: 20px;
        font-weight: 400;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .spacer {
        flex: 1;
      }
      .menu {
        display: none;
      }
      nav {
        display: flex;
        align-self: stretch;
      }
      .tab {
        display: flex;
        align-items: center;
        gap: 8px;
        padding-inline: 12px;
        border: none;
        border-block-end: 2px solid transparent;
        background: none;
        color: var(--secondary-text-color, #727272);
        cursor: pointer;
        font-weight: 500;
      }
      .tab:hover {
        background: rgba(127, 127, 127, 0.08);
      }
      .tab[aria-current='page'] {
        color: var(--primary-color, #03a9f4);
        border-block-end-color: var(--primary-color, #03a9f4);
      }
      .icon {
        position: relative;
        display: inline-flex;
      }
      .badge {
        position: absolute;
        inset-block-start: -6px;
        inset-inline-end: -10px;
        min-inline-size: 18px;
        block-size: 18px;
        padding-inline: 4px;
        box-sizing: border-box;
        border-radius: 9px;
        background: var(--accent-color, #ff9800);
        color: var(--text-accent-color, #fff);
        font-size: 11px;
        font-weight: 500;
        line-height: 18px;
        text-align: center;
      }
      @media (max-width: 870px) {
        .menu {
          display: inline-grid;
        }
      }
      @media (max-width: 600px) {
        /* Icons only, but the name stays for screen readers. */
        .label {
          ${srOnlyDeclarations}
        }
        .tab {
          padding-inline: 8px;
        }
        h1 {
          font-size: 18px;
          padding-inline-start: 4px;
        }
        /* Buttons before and after it and five tabs leave no room for the name: "Maj…" helps nobody, the tabs say where you are. */
        h1.beside-menus {
          ${srOnlyDeclarations}
        }
        .spacer + nav,
        h1.beside-menus + * {
          margin-inline-start: auto;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'app-toolbar': AppToolbar;
  }
}
