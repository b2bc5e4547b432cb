import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PanelEvent } from '../common/fire-event.js';
import type { LocalizeFunc } from '../common/localize.js';
import { pageHeading } from '../components/page-heading.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { deleteMemory, listMemories, updateMemory, type Memory } from '../data/memories.js';
import { buttonStyles, cardStyles, pageStyles } from '../styles/shared-styles.js';
import '../components/memory-item.js';

/**
 * The "Memories" page: what Majordome remembers about me (the facts the model saved with
 * memory_save, which every later conversation may recall), to correct or forget; an administrator
 * may switch to everyone's.
 */
@customElement('memories-view')
export class MemoriesView extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;

  /** Undefined until loaded, or when the server keeps no memories. */
  @state() private accessor memories: Memory[] | undefined;
  @state() private accessor canListEveryone = false;
  @state() private accessor everyone = false;
  @state() private accessor loaded = false;
  @state() private accessor error: string | undefined;
  @state() private accessor editing: number | undefined;
  @state() private accessor editError: string | undefined;
  @state() private accessor busy: ReadonlySet<number> = new Set();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const list = await listMemories(this.api, this.everyone);
      this.memories = list?.memories;
      this.canListEveryone = list?.canListEveryone ?? false;
      this.error = undefined;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  private async act(id: number, run: () => Promise<void>): Promise<boolean> {
    this.busy = new Set([...this.busy, id]);
    try {
      await run();
      await this.load();
      return true;
    } catch (err) {
      if (this.editing === id) this.editError = errorMessage(err);
      else this.error = errorMessage(err);
      return false;
    } finally {
      this.busy = new Set([...this.busy].filter((b) => b !== id));
    }
  }

  private readonly onEdit = (event: PanelEvent<'memory-edit'>): void => {
    this.editing = event.detail?.id;
    this.editError = undefined;
  };

  private readonly onSave = async (event: PanelEvent<'memory-save'>): Promise<void> => {
    const { id, fact } = event.detail;
    if (await this.act(id, async () => void (await updateMemory(this.api, id, fact, this.language)))) this.editing = undefined;
  };

  private readonly onForget = (event: PanelEvent<'memory-forget'>): void => {
    const { id } = event.detail;
    void this.act(id, () => deleteMemory(this.api, id, this.language));
  };

  private show(everyone: boolean): void {
    if (this.everyone === everyone) return;
    this.everyone = everyone;
    this.editing = undefined;
    void this.load();
  }

  private renderScope() {
    const l = this.localize;
    if (!this.canListEveryone) return nothing;
    return html`<div class="scope" role="group" aria-label=${l('memories.scope')}>
      <button class="segment" aria-pressed=${String(!this.everyone)} data-testid="memories-mine" @click=${() => this.show(false)}>${l('memories.mine')}</button>
      <button class="segment" aria-pressed=${String(this.everyone)} data-testid="memories-everyone" @click=${() => this.show(true)}>${l('memories.everyone')}</button>
    </div>`;
  }

  override render() {
    const l = this.localize;
    return html`
      <div class="page" data-testid="memories-page">
        ${pageHeading({
          title: l('memories.page_title'),
          refreshLabel: l('status.refresh'),
          onRefresh: () => void this.load(),
          error: this.error && l('memories.load_failed', { message: this.error }),
          loading: !this.loaded,
          loadingLabel: l('status.loading'),
        })}
        <section class="card" aria-labelledby="memories-title" @memory-edit=${this.onEdit} @memory-save=${this.onSave} @memory-forget=${this.onForget}>
          <div class="card-head">
            <h2 id="memories-title">${l(this.everyone ? 'memories.title_everyone' : 'memories.title')}</h2>
            ${this.renderScope()}
          </div>
          <p class="muted intro">${l('memories.intro')}</p>
          ${this.loaded && !this.memories?.length ? html`<p class="muted">${l(this.everyone ? 'memories.empty_everyone' : 'memories.empty')}</p>` : nothing}
          ${repeat(
            this.memories ?? [],
            (m) => m.id,
            (m) => html`<memory-item
              data-testid="memory"
              data-memory-id=${m.id}
              .localize=${l}
              .language=${this.language}
              .memory=${m}
              .editing=${this.editing === m.id}
              .busy=${this.busy.has(m.id)}
              .error=${this.editing === m.id ? this.editError : undefined}
              .showOwner=${this.everyone}
            ></memory-item>`,
          )}
        </section>
      </div>
    `;
  }

  static override styles = [
    cardStyles,
    buttonStyles,
    pageStyles,
    css`
      .page { display: flex; flex-direction: column; gap: 16px; max-inline-size: 900px; margin-inline: auto; padding: 16px; }
      .card { padding: 16px; }
      .card-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
      h2 { margin: 0; font-size: 16px; font-weight: 500; }
      .intro { margin-block: 8px 4px; }
      .muted { color: var(--secondary-text-color, #727272); font-size: 13px; }
      .error { color: var(--error-color, #db4437); }
      .scope { display: inline-flex; border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); border-radius: 18px; overflow: hidden; }
      .segment { border: none; background: none; padding: 6px 14px; cursor: pointer; font-weight: 500; color: var(--secondary-text-color, #727272); }
      .segment[aria-pressed='true'] { background: color-mix(in srgb, var(--primary-color, #03a9f4) 14%, transparent); color: var(--primary-color, #03a9f4); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'memories-view': MemoriesView;
  }
}
