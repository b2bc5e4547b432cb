import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { UsageDay } from '../data/usage.js';

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 2;

/** The last days' usage as bars (SVG, no chart library): one bar per day, today last; each bar says its day and value. */
@customElement('usage-chart')
export class UsageChart extends LitElement {
  @property({ attribute: false }) accessor days: readonly UsageDay[] = [];
  /** Formats a value for the bar's tooltip ("$0.42", "12,000 tokens"). */
  @property({ attribute: false }) accessor format: (value: number) => string = String;
  /** Formats a day for the tooltip and the axis. */
  @property({ attribute: false }) accessor formatDay: (day: string) => string = (day) => day;
  /** What the chart shows, for screen readers ("Cost per day over the last 30 days: $1.20 in all"). */
  @property() accessor label = '';

  override render() {
    const days = this.days;
    if (days.length === 0) return nothing;
    const max = Math.max(...days.map((d) => d.value));
    const step = WIDTH / days.length;
    const first = days[0];
    const last = days.at(-1);
    // The bars stretch with the card (preserveAspectRatio none); the dates are HTML so they never stretch.
    return html`<svg data-testid="usage-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${this.label} preserveAspectRatio="none">
        <line class="axis" x1="0" y1=${HEIGHT - 0.5} x2=${WIDTH} y2=${HEIGHT - 0.5}></line>
        ${days.map((d, i) => {
          // A day with any use shows at least a sliver, so it never looks like a day without.
          const h = max > 0 ? Math.max(d.value > 0 ? 2 : 0, (d.value / max) * (HEIGHT - 4)) : 0;
          return svg`<rect class="bar ${i === days.length - 1 ? 'today' : ''}" x=${i * step + GAP / 2} y=${HEIGHT - h} width=${step - GAP} height=${h}>
            <title>${this.formatDay(d.day)}: ${this.format(d.value)}</title>
          </rect>`;
        })}
      </svg>
      <div class="ticks" aria-hidden="true"><span>${first ? this.formatDay(first.day) : ''}</span><span>${last ? this.formatDay(last.day) : ''}</span></div>`;
  }

  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: 120px;
    }
    .ticks {
      display: flex;
      justify-content: space-between;
      margin-block-start: 4px;
      color: var(--secondary-text-color, #727272);
      font-size: 12px;
    }
    .bar {
      fill: color-mix(in srgb, var(--primary-color, #03a9f4) 55%, transparent);
    }
    .bar.today {
      fill: var(--primary-color, #03a9f4);
    }
    .axis {
      stroke: var(--divider-color, rgba(0, 0, 0, 0.12));
      stroke-width: 1;
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'usage-chart': UsageChart;
  }
}
