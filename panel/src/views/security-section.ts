import { mdiAlertOutline, mdiCheckCircleOutline, mdiCloseOctagonOutline } from '@mdi/js';
import { html, nothing, type TemplateResult } from 'lit';
import type { SecurityCheckView } from '../data/status.js';
import type { SectionContext } from './status-sections.js';
import '../components/mdi-icon.js';

const RANK: Record<SecurityCheckView['status'], number> = { fail: 0, warn: 1, pass: 2 };
const ICONS: Record<SecurityCheckView['status'], string> = { fail: mdiCloseOctagonOutline, warn: mdiAlertOutline, pass: mdiCheckCircleOutline };
const LABELS = { fail: 'status.security_fail', warn: 'status.security_warn', pass: 'status.security_pass' } as const;

function checkRow(ctx: SectionContext, check: SecurityCheckView): TemplateResult {
  return html`<li class="check ${check.status}" data-testid="security-check" data-check=${check.id} data-status=${check.status}>
    <mdi-icon .path=${ICONS[check.status]}></mdi-icon>
    <span class="check-text">
      <span class="check-title"><span class="sr-only">${ctx.localize(LABELS[check.status])}: </span>${check.title}</span>
      <span class="check-detail">${check.detail}</span>
    </span>
  </li>`;
}

/** The security self-check (administrators only): failures, then warnings, then the passes folded away. */
export function securitySection(ctx: SectionContext, checks: readonly SecurityCheckView[]): TemplateResult {
  const l = ctx.localize;
  const sorted = [...checks].sort((a, b) => RANK[a.status] - RANK[b.status]);
  const open = sorted.filter((c) => c.status !== 'pass');
  const passed = sorted.filter((c) => c.status === 'pass');
  const failed = open.filter((c) => c.status === 'fail').length;
  const summary = open.length === 0 ? l('status.security_all_passed') : l('status.security_summary', { failed, warnings: open.length - failed });
  return html`<section class="card wide security" aria-labelledby="security-title" data-testid="security-card">
    <h2 id="security-title">
      ${l('status.security')}
      <span class="chip ${failed > 0 ? 'bad' : open.length > 0 ? 'warn' : 'ok'}"
        ><mdi-icon .path=${failed > 0 ? ICONS.fail : open.length > 0 ? ICONS.warn : ICONS.pass}></mdi-icon>${summary}</span
      >
    </h2>
    ${open.length > 0 ? html`<ul class="checks">${open.map((c) => checkRow(ctx, c))}</ul>` : nothing}
    ${passed.length > 0
      ? html`<details data-testid="security-passed">
          <summary>${l('status.security_passed', { count: passed.length })}</summary>
          <ul class="checks">${passed.map((c) => checkRow(ctx, c))}</ul>
        </details>`
      : nothing}
  </section>`;
}
