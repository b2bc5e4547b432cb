import { mdiAlertCircleOutline, mdiCheckCircleOutline, mdiDeleteOutline, mdiMinusCircleOutline } from '@mdi/js';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatNumber, formatRelativeTime, summarizeToolInput } from '../common/format.js';
import type { LocalizeFunc, TranslationKey } from '../common/localize.js';
import type { SavedRule } from '../data/rules.js';
import type { AuditEntry, StatusReport } from '../data/status.js';
import '../components/mdi-icon.js';

/** Localize and language, shared by every section. */
export interface SectionContext {
  localize: LocalizeFunc;
  language: string;
}

function row(ctx: SectionContext, label: TranslationKey, value: unknown): TemplateResult | typeof nothing {
  if (value === undefined || value === '') return nothing;
  return html`<dt>${ctx.localize(label)}</dt>
    <dd>${value}</dd>`;
}

/** A green or red state chip; `off` is grey, for things switched off on purpose. */
function chip(ok: boolean, text: string, tone: 'bad' | 'off' = 'bad'): TemplateResult {
  const icon = ok ? mdiCheckCircleOutline : tone === 'off' ? mdiMinusCircleOutline : mdiAlertCircleOutline;
  return html`<span class="chip ${ok ? 'ok' : tone}"><mdi-icon .path=${icon}></mdi-icon>${text}</span>`;
}

// The report does not say its unit: anything before 2001 in milliseconds must be seconds.
function epochMs(value: number): number {
  return value < 1e12 ? value * 1000 : value;
}

/** Home Assistant connection. */
export function haSection(ctx: SectionContext, ha: StatusReport['ha']): TemplateResult {
  const l = ctx.localize;
  return html`<section class="card" aria-labelledby="ha-title">
    <h2 id="ha-title">${l('status.ha')} ${chip(ha.connected, l(ha.connected ? 'status.connected' : 'status.disconnected'))}</h2>
    <dl>
      ${row(ctx, 'status.ha_version', ha.ha_version)}
      ${row(ctx, 'status.entities', ha.entities === undefined ? undefined : formatNumber(ha.entities, ctx.language))}
      ${row(ctx, 'status.since', formatRelativeTime(epochMs(ha.since), ctx.language))}
      ${row(ctx, 'status.last_error', ha.connected ? undefined : ha.last_error)}
    </dl>
    ${ha.voice_needs_ha === undefined
      ? nothing
      : html`<p class="advice" role="note" data-testid="voice-needs-ha">
          ${l('status.voice_needs_ha', { minimum: ha.voice_needs_ha, version: ha.ha_version ?? '?' })}
        </p>`}
  </section>`;
}

/** Model and provider, with the fix when no key is set. */
export function modelSection(ctx: SectionContext, llm: StatusReport['llm']): TemplateResult {
  const l = ctx.localize;
  return html`<section class="card" aria-labelledby="model-title">
    <h2 id="model-title">${l('status.model')} ${chip(llm.configured, l(llm.configured ? 'status.configured' : 'status.not_configured'))}</h2>
    <dl>${row(ctx, 'status.provider', llm.provider)} ${row(ctx, 'status.model_name', llm.model)}</dl>
    ${llm.configured ? nothing : html`<p class="advice">${l('error.model_not_configured')}</p>`}
  </section>`;
}

/** Which capabilities are on, and their tools. */
export function capabilitiesSection(ctx: SectionContext, capabilities: StatusReport['capabilities']): TemplateResult {
  const l = ctx.localize;
  return html`<section class="card" aria-labelledby="cap-title">
    <h2 id="cap-title">${l('status.capabilities')}</h2>
    <ul class="capabilities">
      ${capabilities.map(
        (c) => html`<li>
          <span class="name">${c.name}</span>${chip(c.enabled, l(c.enabled ? 'status.enabled' : 'status.disabled'), 'off')}
          ${c.tools.length ? html`<span class="tools">${c.tools.join(', ')}</span>` : nothing}
        </li>`,
      )}
    </ul>
  </section>`;
}

/** Token usage, when the server counts it. */
export function usageSection(ctx: SectionContext, usage: NonNullable<StatusReport['usage']>): TemplateResult {
  const n = (value: number) => formatNumber(value, ctx.language);
  return html`<section class="card" aria-labelledby="usage-title">
    <h2 id="usage-title">${ctx.localize('status.usage')}</h2>
    <dl>
      ${row(ctx, 'status.turns', n(usage.turns))} ${row(ctx, 'status.input_tokens', n(usage.input_tokens))}
      ${row(ctx, 'status.output_tokens', n(usage.output_tokens))} ${row(ctx, 'status.cache_read_tokens', n(usage.cache_read_tokens))}
      ${row(ctx, 'status.since', formatDateTime(usage.since, ctx.language))}
    </dl>
  </section>`;
}

/** Recent audit rows (administrators only). */
export function auditSection(ctx: SectionContext, entries: readonly AuditEntry[]): TemplateResult {
  const l = ctx.localize;
  return html`<section class="card wide" aria-labelledby="audit-title">
    <h2 id="audit-title">${l('status.audit')}</h2>
    ${entries.length === 0
      ? html`<p class="muted">${l('status.audit_empty')}</p>`
      : html`<div class="table-wrap"><table>
          <thead><tr><th>${l('status.audit_when')}</th><th>${l('status.audit_who')}</th><th>${l('status.audit_what')}</th><th>${l('status.audit_outcome')}</th></tr></thead>
          <tbody>
            ${entries.map(
              (e) => html`<tr>
                <td title=${formatDateTime(e.at, ctx.language)}>${formatRelativeTime(e.at, ctx.language)}</td>
                <td title=${e.actor}>${e.actor_name ?? e.actor}</td>
                <td><code>${e.tool ?? e.kind}</code> <span class="muted">${summarizeToolInput(e.input, 80)}</span></td>
                <td>${[e.decision, e.outcome].filter(Boolean).join(' · ') || e.detail || ''}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}
  </section>`;
}

/** What the "Saved rules" section shows and how it deletes one. */
export interface RulesSectionState {
  rules: readonly SavedRule[];
  canManage: boolean;
  deleting: ReadonlySet<number>;
  error?: string;
  onDelete(id: number): void;
}

/** Rules saved with "Always allow"; approvers can delete them. */
export function rulesSection(ctx: SectionContext, state: RulesSectionState): TemplateResult {
  const l = ctx.localize;
  return html`<section class="card wide" aria-labelledby="rules-title" data-testid="saved-rules">
    <h2 id="rules-title">${l('status.rules')}</h2>
    ${state.error ? html`<p class="error" role="alert">${l('status.rule_delete_failed', { message: state.error })}</p>` : nothing}
    ${state.rules.length === 0
      ? html`<p class="muted">${l('status.rules_empty')}</p>`
      : html`<ul class="rules">
          ${state.rules.map(
            (rule) => html`<li data-testid="saved-rule" data-rule-id=${rule.id}>
              <span class="rule">
                <span><span class="chip ${rule.effect === 'allow' ? 'ok' : 'bad'}">${rule.effect}</span> <code>${rule.tool}</code></span>
                <code class="match">${rule.match || l('status.rules_every_call')}</code>
                <span class="muted" title=${formatDateTime(rule.created_at, ctx.language)}>${l('status.rule_saved', { when: formatRelativeTime(rule.created_at, ctx.language) })}</span>
              </span>
              ${state.canManage
                ? html`<button
                    class="icon-button"
                    data-testid="rule-delete"
                    aria-label=${l('status.rule_delete')}
                    title=${l('status.rule_delete')}
                    ?disabled=${state.deleting.has(rule.id)}
                    @click=${() => state.onDelete(rule.id)}
                  ><mdi-icon .path=${mdiDeleteOutline}></mdi-icon></button>`
                : nothing}
            </li>`,
          )}
        </ul>`}
  </section>`;
}
