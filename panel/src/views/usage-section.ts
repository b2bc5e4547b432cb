import { html, nothing, type TemplateResult } from 'lit';
import { formatDay, formatNumber, formatRelativeTime, formatUsd } from '../common/format.js';
import type { UsageReport } from '../data/usage.js';
import { usageSeries } from '../data/usage.js';
import type { SectionContext } from './status-sections.js';
import '../components/usage-chart.js';

type Totals = UsageReport['today'];

function tokensOf(t: Pick<Totals, 'input_tokens' | 'output_tokens' | 'cache_read_tokens' | 'cache_write_tokens'>): number {
  return t.input_tokens + t.output_tokens + t.cache_read_tokens + t.cache_write_tokens;
}

/** A budget's bar: how much of today's cap is spent (a progressbar for screen readers). */
function budgetBar(spent: number, limit: number, text: string, label: string): TemplateResult {
  const percent = limit > 0 ? Math.min(100, Math.round((spent / limit) * 100)) : 100;
  return html`<div class="budget">
    <div class="meter ${percent >= 100 ? 'full' : percent >= 80 ? 'high' : ''}" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
      <span style="inline-size: ${percent}%"></span>
    </div>
    <span class="muted">${text}</span>
  </div>`;
}

function budgetPart(ctx: SectionContext, report: UsageReport): TemplateResult {
  const l = ctx.localize;
  const { budget } = report;
  const n = (value: number) => formatNumber(value, ctx.language);
  const usd = (value: number) => formatUsd(value, ctx.language);
  const resets = formatRelativeTime(budget.resets_at, ctx.language);
  if (budget.usd === null && budget.tokens === null) return html`<p class="muted">${l('usage.budget_none')}</p>`;
  return html`
    ${budget.usd !== null
      ? budgetBar(budget.spent_usd, budget.usd, l('usage.budget_left', { left: usd(Math.max(0, budget.usd - budget.spent_usd)), limit: usd(budget.usd) }), l('usage.budget'))
      : nothing}
    ${budget.tokens !== null
      ? budgetBar(budget.spent_tokens, budget.tokens, l('usage.budget_tokens_left', { left: n(Math.max(0, budget.tokens - budget.spent_tokens)), limit: n(budget.tokens) }), l('usage.budget'))
      : nothing}
    <p class=${budget.reached ? 'error' : 'muted'} role=${budget.reached ? 'alert' : nothing}>
      ${budget.reached ? l('usage.budget_reached', { when: resets }) : l('usage.resets', { when: resets })}
    </p>
  `;
}

/** What the model cost: today, against the daily budget, the last 30 days as a chart, per model and per day. */
export function usageReportSection(ctx: SectionContext, report: UsageReport): TemplateResult {
  const l = ctx.localize;
  const n = (value: number) => formatNumber(value, ctx.language);
  const usd = (value: number) => formatUsd(value, ctx.language);
  const series = usageSeries(report);
  const format = series.unit === 'usd' ? usd : (value: number) => l('usage.tokens', { count: n(value) });
  const total = series.days.reduce((sum, d) => sum + d.value, 0);
  const today = report.today;
  return html`<section class="card wide usage" aria-labelledby="usage-title" data-testid="usage">
    <h2 id="usage-title">${l('status.usage')}</h2>
    <div class="usage-top">
      <dl>
        <dt>${l('usage.cost_today')}</dt><dd class="figure">${usd(today.cost_usd)}</dd>
        <dt>${l('usage.tokens_today')}</dt><dd>${n(tokensOf(today))}</dd>
        <dt>${l('status.turns')}</dt><dd>${n(today.turns)}</dd>
      </dl>
      <div class="budget-part">
        <h3>${l('usage.budget')}</h3>
        ${budgetPart(ctx, report)}
      </div>
    </div>
    <usage-chart
      .days=${series.days}
      .format=${format}
      .formatDay=${(day: string) => formatDay(day, ctx.language)}
      .label=${l(series.unit === 'usd' ? 'usage.chart_cost' : 'usage.chart_tokens', { total: series.unit === 'usd' ? usd(total) : n(total) })}
    ></usage-chart>
    ${report.models.length === 0
      ? html`<p class="muted">${l('usage.none_yet')}</p>`
      : html`<h3>${l('usage.models')}</h3>
          <div class="table-wrap"><table>
            <thead><tr><th>${l('usage.model')}</th><th class="num">${l('usage.calls')}</th><th class="num">${l('usage.tokens_column')}</th><th class="num">${l('usage.cost')}</th></tr></thead>
            <tbody>
              ${report.models.map(
                (m) => html`<tr>
                  <td><code>${m.model}</code></td>
                  <td class="num">${n(m.calls)}</td>
                  <td class="num">${n(tokensOf(m))}</td>
                  <td class="num">${m.priced ? usd(m.cost_usd) : html`<span class="muted">${l('usage.no_price')}</span>`}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          <details>
            <summary>${l('usage.days')}</summary>
            <div class="table-wrap"><table>
              <thead><tr><th>${l('usage.day')}</th><th class="num">${l('status.turns')}</th><th class="num">${l('usage.tokens_column')}</th><th class="num">${l('usage.cost')}</th></tr></thead>
              <tbody>
                ${report.days.map(
                  (d) => html`<tr><td>${formatDay(d.day, ctx.language)}</td><td class="num">${n(d.turns)}</td><td class="num">${n(tokensOf(d))}</td><td class="num">${usd(d.cost_usd)}</td></tr>`,
                )}
              </tbody>
            </table></div>
          </details>`}
  </section>`;
}
