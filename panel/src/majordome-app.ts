import { mdiLogin, mdiRefresh } from '@mdi/js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createLocalize, pickLanguage, type Language, type LocalizeFunc, type TranslationKey } from './common/localize.js';
import { retryDelayMs } from './common/retry-delay.js';
import { HaFrameController } from './controllers/ha-frame-controller.js';
import { HaThemeController } from './controllers/ha-theme-controller.js';
import { createApi, errorMessage, type PanelApi } from './data/api.js';
import type { PanelSession } from './data/session.js';
import { fetchPanelConfig, forgetHaTokens, SignInError, startSession } from './data/sign-in.js';
import { buttonStyles } from './styles/shared-styles.js';
import './components/mdi-icon.js';
import './majordome-main.js';

/** Where the panel is on its way in. */
type Phase =
  | { kind: 'starting' }
  | { kind: 'ready'; session: PanelSession; api: PanelApi }
  | { kind: 'failed'; message: string; action: 'retry' | 'sign-in'; retryInMs?: number };

const SIGN_IN_MESSAGES: Record<SignInError['reason'], TranslationKey> = {
  refused: 'signin.refused',
  insecure: 'signin.insecure',
  unreachable: 'signin.unreachable',
};

/**
 * The panel's root: learns how to sign in (`api/panel-config`), signs in with HA's own login when
 * standalone, follows HA's frame, then shows the signed-in panel.
 */
@customElement('majordome-app')
export class MajordomeApp extends LitElement {
  private readonly frame = new HaFrameController(this);
  /** HA's theme and language while HA frames the panel. */
  private readonly theme = new HaThemeController(this);
  private localizers = new Map<Language, LocalizeFunc>();

  @state() private accessor phase: Phase = { kind: 'starting' };
  /** Sign-ins that failed because HA was unreachable, in a row: the back-off of the automatic retry. */
  private unreachableStarts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** The browser's languages, HA's first when HA frames the panel: HA's language wins, the browser's is the fallback. */
  private get languages(): readonly string[] {
    const browser = navigator.languages.length ? navigator.languages : [navigator.language];
    return this.theme.language ? [this.theme.language, ...browser] : browser;
  }

  /** The panel's language (one it is translated into). */
  private get language(): Language {
    return pickLanguage(this.languages);
  }

  /** The language the model answers in: HA's (or the browser's) own tag, even one the panel is not translated into. */
  private get answerLanguage(): string {
    return this.languages[0] ?? this.language;
  }

  private get localize(): LocalizeFunc {
    const language = this.language;
    let localize = this.localizers.get(language);
    if (!localize) {
      localize = createLocalize(language);
      this.localizers.set(language, localize);
    }
    return localize;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.phase.kind === 'starting') void this.start();
  }

  protected override willUpdate(): void {
    document.documentElement.lang = this.language;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.retryTimer);
  }

  private async start(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.phase = { kind: 'starting' };
    try {
      const session = await startSession(await fetchPanelConfig(), this.onSignedOut);
      this.unreachableStarts = 0;
      this.phase = { kind: 'ready', session, api: createApi(session) };
    } catch (err) {
      this.phase =
        err instanceof SignInError
          ? { kind: 'failed', message: this.localize(SIGN_IN_MESSAGES[err.reason]), action: err.reason === 'refused' ? 'sign-in' : 'retry' }
          : { kind: 'failed', message: this.localize('signin.config_failed', { message: errorMessage(err) }), action: 'retry' };
      // HA out of reach (restarting, a network blip) is no reason to sign in again: try by ourselves.
      if (err instanceof SignInError && err.reason === 'unreachable') this.retryLater();
    }
  }

  private retryLater(): void {
    const delay = retryDelayMs(this.unreachableStarts);
    this.unreachableStarts += 1;
    if (this.phase.kind === 'failed') this.phase = { ...this.phase, retryInMs: delay };
    this.retryTimer = setTimeout(() => void this.start(), delay);
  }

  /** HA refused to refresh the token: the panel cannot go on without a new sign-in. */
  private readonly onSignedOut = (): void => {
    this.phase = { kind: 'failed', message: this.localize('signin.ended'), action: 'sign-in' };
  };

  private signInAgain(): void {
    forgetHaTokens();
    // A fresh load goes to HA's login page, without the old callback's parameters.
    window.location.assign(window.location.pathname);
  }

  private renderFailed(phase: Extract<Phase, { kind: 'failed' }>) {
    const l = this.localize;
    const signIn = phase.action === 'sign-in';
    return html`<div class="center" role="alert" data-testid="sign-in-failed">
      <p>${phase.message}</p>
      ${phase.retryInMs === undefined ? nothing : html`<p role="status">${l('signin.retrying', { seconds: Math.round(phase.retryInMs / 1000) })}</p>`}
      <button class="button filled" @click=${() => (signIn ? this.signInAgain() : void this.start())}>
        <mdi-icon .path=${signIn ? mdiLogin : mdiRefresh}></mdi-icon>${l(signIn ? 'signin.again' : 'signin.retry')}
      </button>
    </div>`;
  }

  override render() {
    const phase = this.phase;
    if (phase.kind === 'starting') return html`<p class="center" role="status">${this.localize('signin.signing_in')}</p>`;
    if (phase.kind === 'failed') return this.renderFailed(phase);
    return html`<majordome-main
      .localize=${this.localize}
      .language=${this.language}
      .session=${phase.session}
      .api=${phase.api}
      .answerLanguage=${this.answerLanguage}
      .haMenu=${this.frame.framed && this.frame.narrow && !this.frame.haHeader}
      .haHeader=${this.frame.framed && this.frame.haHeader}
      @ha-toggle-menu=${() => this.frame.toggleMenu()}
    ></majordome-main>`;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        block-size: 100%;
        background: var(--primary-background-color, #fafafa);
        color: var(--primary-text-color, #212121);
        font-family: var(--ha-font-family-body, Roboto, Noto, sans-serif);
      }
      majordome-main {
        flex: 1;
        min-block-size: 0;
      }
      .center {
        margin: auto;
        padding: 24px;
        max-inline-size: 480px;
        text-align: center;
        color: var(--secondary-text-color, #727272);
      }
      .center p {
        color: var(--primary-text-color, #212121);
      }
      .button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        --mdc-icon-size: 18px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'majordome-app': MajordomeApp;
  }
}
