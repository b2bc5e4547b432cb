import { mdiDeleteOutline, mdiForumOutline, mdiPause, mdiPlay } from '@mdi/js';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime, formatRelativeTime, truncate } from '../common/format.js';
import type { LocalizeFunc } from '../common/localize.js';
import { formatRoute } from '../common/route.js';
import { cronInWords, triggerInWords } from '../common/schedule-words.js';
import { pageHeading } from '../components/page-heading.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { deleteTask, listTasks, setTaskPaused, type Task } from '../data/tasks.js';
import { buttonStyles, cardStyles, pageStyles } from '../styles/shared-styles.js';
import '../components/mdi-icon.js';

/** The "Always on" page: the user's scheduled and triggered tasks (what Majordome remembers has its own page). */
@customElement('tasks-view')
export class TasksView extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;

  /** Undefined until loaded, or when the server has none. */
  @state() private accessor tasks: Task[] | undefined;
  @state() private accessor loaded = false;
  @state() private accessor error: string | undefined;
  @state() private accessor busy: ReadonlySet<string> = new Set();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  // The triggers' states come in the panel's language: a new language asks for them again.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('language') && changed.get('language') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.tasks = await listTasks(this.api, this.language);
      this.error = undefined;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  private async act(key: string, run: () => Promise<void>): Promise<void> {
    this.busy = new Set([...this.busy, key]);
    try {
      await run();
      await this.load();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = new Set([...this.busy].filter((k) => k !== key));
    }
  }

  private schedule(task: Task): string {
    const l = this.localize;
    if (task.kind === 'cron') return cronInWords(task.schedule, this.language) ?? l('tasks.kind_cron', { schedule: task.schedule });
    if (task.kind === 'at') return l('tasks.kind_at', { when: formatDateTime(task.schedule, this.language) });
    return task.trigger ? triggerInWords(task.trigger, task.trigger_entity, l, task.trigger_words) : l('tasks.kind_trigger', { trigger: task.schedule });
  }

  private renderTask(task: Task) {
    const l = this.localize;
    const key = `task:${task.id}`;
    const paused = task.status === 'paused';
    return html`<li data-testid="task" data-task-id=${task.id}>
      <div class="main">
        <span class="title">${truncate(task.prompt, 200)}</span>
        <span class="muted"><span title=${task.kind === 'at' ? nothing : task.schedule}>${this.schedule(task)}</span> · <span class="chip ${task.status === 'active' ? 'ok' : 'off'}">${l(`tasks.status_${task.status}`)}</span></span>
        ${task.next_run_at && task.status === 'active'
          ? html`<span class="muted" title=${formatDateTime(task.next_run_at, this.language)}>${l('tasks.next_run', { when: formatRelativeTime(task.next_run_at, this.language) })}</span>`
          : nothing}
        ${task.last_run_at
          ? html`<span class=${task.last_ok ? 'muted' : 'error'} data-testid="task-last-result">
              ${l('tasks.last_run', { when: formatRelativeTime(task.last_run_at, this.language) })}: ${truncate(task.last_result ?? '', 300)}
            </span>`
          : html`<span class="muted">${l('tasks.never_run')}</span>`}
      </div>
      <a class="icon-button" href=${formatRoute({ view: 'chat', conversationId: task.conversation_id })} aria-label=${l('tasks.open_conversation')} title=${l('tasks.open_conversation')}
        ><mdi-icon .path=${mdiForumOutline}></mdi-icon
      ></a>
      ${task.status !== 'done'
        ? html`<button
            class="icon-button"
            data-testid="task-pause"
            aria-label=${l(paused ? 'tasks.resume' : 'tasks.pause')}
            title=${l(paused ? 'tasks.resume' : 'tasks.pause')}
            ?disabled=${this.busy.has(key)}
            @click=${() => void this.act(key, () => setTaskPaused(this.api, task.id, !paused, this.language))}
          ><mdi-icon .path=${paused ? mdiPlay : mdiPause}></mdi-icon></button>`
        : nothing}
      <button
        class="icon-button"
        data-testid="task-delete"
        aria-label=${l('tasks.delete')}
        title=${l('tasks.delete')}
        ?disabled=${this.busy.has(key)}
        @click=${() => void this.act(key, () => deleteTask(this.api, task.id, this.language))}
      ><mdi-icon .path=${mdiDeleteOutline}></mdi-icon></button>
    </li>`;
  }

  override render() {
    const l = this.localize;
    return html`
      <div class="page" data-testid="tasks-page">
        ${pageHeading({
          title: l('tasks.title'),
          refreshLabel: l('status.refresh'),
          onRefresh: () => void this.load(),
          error: this.error && l('tasks.load_failed', { message: this.error }),
          loading: !this.loaded,
          loadingLabel: l('status.loading'),
        })}
        <section class="card" aria-labelledby="tasks-title">
          <h2 id="tasks-title">${l('tasks.tasks')}</h2>
          ${this.loaded && !this.tasks?.length ? html`<p class="muted">${l('tasks.empty')}</p>` : nothing}
          <ul>${repeat(this.tasks ?? [], (t) => t.id, (t) => this.renderTask(t))}</ul>
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
      h2 { margin: 0 0 12px; font-size: 16px; font-weight: 500; }
      .card { padding: 16px; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
      li { display: flex; align-items: center; gap: 8px; padding-block: 8px; border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); }
      .main { flex: 1; min-inline-size: 0; display: flex; flex-direction: column; gap: 2px; overflow-wrap: anywhere; }
      .title { font-weight: 500; }
      .muted { color: var(--secondary-text-color, #727272); font-size: 13px; }
      .error { color: var(--error-color, #db4437); font-size: 13px; }
      a.icon-button { color: inherit; }
      .chip { display: inline-flex; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 500; }
      .chip.ok { color: var(--success-color, #43a047); background: color-mix(in srgb, var(--success-color, #43a047) 14%, transparent); }
      .chip.off { color: var(--secondary-text-color, #727272); background: color-mix(in srgb, var(--secondary-text-color, #727272) 14%, transparent); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'tasks-view': TasksView;
  }
}
