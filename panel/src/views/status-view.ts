import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LocalizeFunc } from '../common/localize.js';
import { pageHeading } from '../components/page-heading.js';
import { errorMessage, type PanelApi } from '../data/api.js';
import { deleteRule, listRules, type SavedRule } from '../data/rules.js';
import { fetchAudit, fetchStatus, type AuditEntry, type StatusReport } from '../data/status.js';
import { fetchUsage, type UsageReport } from '../data/usage.js';
import { buttonStyles, cardStyles, pageStyles, srOnlyStyles } from '../styles/shared-styles.js';
import { securitySection } from './security-section.js';
import { usageReportSection } from './usage-section.js';
import { auditSection, capabilitiesSection, haSection, modelSection, rulesSection, usageSection } from './status-sections.js';
import '../components/mdi-icon.js';
import '../components/pairings-card.js';
import '../components/config-versions-card.js';

/** The status page: HA connection, model, capabilities, usage, saved rules and (for admins) the security check and recent audit rows. */
@customElement('status-view')
export class StatusView extends LitElement {
  @property({ attribute: false }) accessor localize: LocalizeFunc = (key) => key;
  @property() accessor language = 'en';
  @property({ attribute: false }) accessor api!: PanelApi;
  /** Bumped by the app when the server says the status changed. */
  @property({ type: Number }) accessor revision = 0;

  @state() private accessor status: StatusReport | undefined;
  /** Costs and budget; undefined when the server does not count usage. */
  @state() private accessor usage: UsageReport | undefined;
  /** Undefined when the user may not read the audit log. */
  @state() private accessor audit: AuditEntry[] | undefined;
  @state() private accessor error: string | undefined;
  /** Undefined when the server keeps no saved rules. */
  @state() private accessor rules: { rules: SavedRule[]; canManage: boolean } | undefined;
  @state() private accessor deletingRules: ReadonlySet<number> = new Set();
  @state() private accessor ruleError: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('revision') || (changed.has('language') && changed.get('language') !== undefined)) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const status = await fetchStatus(this.api, this.language);
      // Only administrators may read the audit log; asking anyway would show a 403 in the console.
      [this.audit, this.rules, this.usage] = await Promise.all([
        status.user.is_admin ? fetchAudit(this.api, 20).catch(() => undefined) : undefined,
        listRules(this.api).catch(() => undefined),
        fetchUsage(this.api).catch(() => undefined),
      ]);
      this.status = status;
      this.error = undefined;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  private readonly onDeleteRule = async (id: number): Promise<void> => {
    this.deletingRules = new Set([...this.deletingRules, id]);
    try {
      await deleteRule(this.api, id, this.language);
      this.ruleError = undefined;
      this.rules = await listRules(this.api);
    } catch (err) {
      this.ruleError = errorMessage(err);
    } finally {
      this.deletingRules = new Set([...this.deletingRules].filter((d) => d !== id));
    }
  };

  private renderAbout(status: StatusReport) {
    const l = this.localize;
    const user = status.user.display_name ?? status.user.name ?? status.user.id;
    return html`<section class="card" aria-labelledby="about-title">
      <h2 id="about-title">${l('status.about')}</h2>
      <dl>
        <dt>${l('status.version')}</dt><dd>${status.version}</dd>
        <dt>${l('status.mode')}</dt><dd>${l(status.mode === 'addon' ? 'status.mode_addon' : 'status.mode_standalone')}</dd>
        <dt>${l('status.user')}</dt><dd>${user}${status.user.is_admin ? html` <span class="muted">(${l('status.admin')})</span>` : nothing}</dd>
      </dl>
    </section>`;
  }

  override render() {
    const l = this.localize;
    const ctx = { localize: l, language: this.language };
    const s = this.status;
    return html`
      <div class="page" data-testid="status-page">
        ${pageHeading({
          title: l('status.title'),
          refreshLabel: l('status.refresh'),
          onRefresh: () => void this.load(),
          error: this.error && l('status.load_failed', { message: this.error }),
          loading: !s && !this.error,
          loadingLabel: l('status.loading'),
        })}
        ${s
          ? html`<div class="grid">
              ${haSection(ctx, s.ha)} ${modelSection(ctx, s.llm)} ${this.renderAbout(s)}
              ${s.security ? securitySection(ctx, s.security.checks) : nothing}
              ${this.usage ? usageReportSection(ctx, this.usage) : s.usage ? usageSection(ctx, s.usage) : nothing} ${capabilitiesSection(ctx, s.capabilities)}
              ${this.rules
                ? rulesSection(ctx, {
                    ...this.rules,
                    deleting: this.deletingRules,
                    ...(this.ruleError !== undefined && { error: this.ruleError }),
                    onDelete: (id) => void this.onDeleteRule(id),
                  })
                : nothing}
              ${s.user.is_admin && s.capabilities.some((c) => (c.name === 'telegram' || c.name === 'slack') && c.enabled)
                ? html`<pairings-card .api=${this.api} .localize=${l} .language=${this.language} .revision=${this.revision}></pairings-card>`
                : nothing}
              ${s.user.is_admin ? html`<config-versions-card .api=${this.api} .localize=${l} .language=${this.language} .revision=${this.revision}></config-versions-card>` : nothing}
              ${this.audit ? auditSection(ctx, this.audit) : nothing}
            </div>`
          : nothing}
      </div>
    `;
  }

  static override styles = [
    cardStyles,
    buttonStyles,
    pageStyles,
    srOnlyStyles,
    css`
      .page { max-inline-size: 1100px; margin-inline: auto; padding: 16px; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); gap: 16px; align-items: start; margin-block-start: 12px; }
      .card { padding: 16px; min-inline-size: 0; }
      .wide { grid-column: 1 / -1; }
      h2 { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin: 0 0 12px; font-size: 16px; font-weight: 500; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 16px; margin: 0; }
      dt { color: var(--secondary-text-color, #727272); }
      dd { margin: 0; overflow-wrap: anywhere; }
      .chip { display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; border-radius: 12px; font-size: 12px; font-weight: 500; --mdc-icon-size: 16px; }
      .chip.ok { color: var(--success-color, #43a047); background: color-mix(in srgb, var(--success-color, #43a047) 14%, transparent); }
      .chip.bad { color: var(--error-color, #db4437); background: color-mix(in srgb, var(--error-color, #db4437) 14%, transparent); }
      .capabilities { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
      .capabilities li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
      .capabilities .name { font-weight: 500; text-transform: capitalize; }
      .tools { flex-basis: 100%; font-family: var(--ha-font-family-code, monospace); font-size: 12px; color: var(--secondary-text-color, #727272); }
      .chip.off { color: var(--secondary-text-color, #727272); background: color-mix(in srgb, var(--secondary-text-color, #727272) 14%, transparent); }
      .advice, .error { color: var(--error-color, #db4437); }
      .muted { color: var(--secondary-text-color, #727272); }
      .table-wrap { overflow-x: auto; }
      table { inline-size: 100%; border-collapse: collapse; font-size: 13px; }
      th, td { padding: 6px 8px; text-align: start; border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); vertical-align: top; }
      th { font-weight: 500; color: var(--secondary-text-color, #727272); }
      code { font-family: var(--ha-font-family-code, monospace); }
      .rules { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
      .rules li { display: flex; align-items: center; gap: 8px; padding-block: 6px; border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); }
      .rule { flex: 1; min-inline-size: 0; display: flex; flex-direction: column; gap: 2px; }
      .match { font-size: 13px; overflow-wrap: anywhere; }
      .chip.warn { color: var(--warning-color, #ffa600); background: color-mix(in srgb, var(--warning-color, #ffa600) 14%, transparent); }
      .checks { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
      .check { display: flex; align-items: flex-start; gap: 12px; padding-block: 8px; border-block-end: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); }
      .check:last-child { border-block-end: none; }
      .check mdi-icon { margin-block-start: 1px; }
      .check.fail mdi-icon { color: var(--error-color, #db4437); }
      .check.warn mdi-icon { color: var(--warning-color, #ffa600); }
      .check.pass mdi-icon { color: var(--success-color, #43a047); }
      .check-text { display: flex; flex-direction: column; gap: 2px; min-inline-size: 0; }
      .check-title { font-weight: 500; }
      .check-detail { color: var(--secondary-text-color, #727272); font-size: 14px; overflow-wrap: anywhere; }
      .security h2 { flex-wrap: wrap; }
      .security h2 .chip { white-space: nowrap; }
      .security details { margin-block-start: 8px; }
      .security summary { cursor: pointer; padding-block: 8px; color: var(--secondary-text-color, #727272); }
      h3 { margin: 12px 0 6px; font-size: 14px; font-weight: 500; color: var(--secondary-text-color, #727272); }
      .usage-top { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 240px), 1fr)); gap: 8px 24px; margin-block-end: 12px; }
      .usage-top h3 { margin-block-start: 0; }
      .figure { font-size: 20px; font-weight: 500; }
      .budget { display: flex; flex-direction: column; gap: 4px; margin-block-end: 6px; }
      .budget + p, .budget-part p { margin: 4px 0 0; font-size: 13px; }
      .meter { block-size: 8px; border-radius: 4px; background: color-mix(in srgb, var(--primary-color, #03a9f4) 16%, transparent); overflow: hidden; }
      .meter span { display: block; block-size: 100%; background: var(--primary-color, #03a9f4); border-radius: 4px; }
      .meter.high span { background: var(--warning-color, #ffa600); }
      .meter.full span { background: var(--error-color, #db4437); }
      .num { text-align: end; font-variant-numeric: tabular-nums; }
      .usage details { margin-block-start: 8px; }
      .usage summary { cursor: pointer; padding-block: 6px; color: var(--secondary-text-color, #727272); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'status-view': StatusView;
  }
}
