import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime, formatRelativeTime } from '../common/format.js';
import type { LocalizeFunc, TranslationKey } from '../common/localize.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { listConfigVersions, restoreConfigVersion, type ConfigVersion, type VersionedItem } from '../data/config-versions.js';
import { buttonStyles, cardStyles, listCardStyles } from '../styles/shared-styles.js';

const CHANGE_KEYS: Record<string, TranslationKey> = {
  created: 'versions.created',
  edited: 'versions.edited',
  deleted: 'versions.deleted',
  restored: 'versions.restored',
};

/**
 * Status page card (admins): the automations and scripts Majordome changed, each with the versions
 * it kept. "Restore" asks for the change like any other: the approval appears with the difference.
 */
@customElement('config-versions-card')
export class ConfigVersionsCard extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;
  @property({ type: Number }) accessor revision = 0;

  @state() private accessor items: VersionedItem[] | undefined;
  @state() private accessor asked: string | undefined;
  @state() private accessor error: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('revision')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = await listConfigVersions(this.api);
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  private async restore(item: VersionedItem, version: ConfigVersion): Promise<void> {
    try {
      await restoreConfigVersion(this.api, item.kind, item.id, version.version);
      this.asked = `${item.kind}:${item.id}:${version.version}`;
      this.error = undefined;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  override render() {
    const l = this.localize;
    if (!this.items || this.items.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="versions-title" data-testid="config-versions">
      <h2 id="versions-title">${l('versions.title')}</h2>
      <p class="muted">${l('versions.hint')}</p>
      ${this.error ? html`<p class="error" role="alert">${l('versions.failed', { message: this.error })}</p>` : nothing}
      ${this.items.map(
        (item) => html`<h3>${item.alias} <span class="muted">(${l(item.kind === 'script' ? 'versions.script' : 'versions.automation')} ${item.id})</span></h3>
          <ul>
            ${[...item.versions].reverse().map(
              (v) => html`<li data-testid="config-version">
                <span class="what">
                  <span>${l('versions.version', { version: String(v.version) })} · ${l(CHANGE_KEYS[v.change] ?? 'versions.edited')}</span>
                  <span class="muted"
                    >${l('versions.by', { name: v.changedBy })} ·
                    <time datetime=${v.changedAt} title=${formatDateTime(v.changedAt, this.language)}>${formatRelativeTime(v.changedAt, this.language)}</time></span
                  >
                </span>
                ${this.asked === `${item.kind}:${item.id}:${v.version}`
                  ? html`<span class="muted" role="status">${l('versions.asked')}</span>`
                  : v.config
                    ? html`<button class="button outlined" @click=${() => void this.restore(item, v)}>${l('versions.restore')}</button>`
                    : nothing}
              </li>`,
            )}
          </ul>`,
      )}
    </section>`;
  }

  static override styles = [
    cardStyles,
    buttonStyles,
    listCardStyles,
    css`
      h3 { margin: 12px 0 6px; font-size: 14px; font-weight: 500; overflow-wrap: anywhere; }
      .what { flex: 1; min-inline-size: 0; display: flex; flex-direction: column; gap: 2px; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'config-versions-card': ConfigVersionsCard;
  }
}
