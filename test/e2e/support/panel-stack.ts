import type { StatusReport } from '../../../src/channels/socket/protocol.js';
import type { FakeAnthropicOptions } from '../../fake-llm/index.js';
import type { SimHome } from '../../ha-sim/index.js';
import { loadIntentsHome } from '../../ha-sim/index.js';
import { startIngressProxy, type IngressProxy, type IngressUser } from '../../support/ingress-proxy.js';
import { startStack, type Stack } from '../../support/stack.js';
import { ensurePanelBuilt } from './panel-build.js';

/** The simulator's admin, signed in by the ingress stand-in like the Supervisor does after HA's login. */
export const PANEL_USER: IngressUser = { id: 'user-admin', name: 'alice', displayName: 'Alice' };

/** Majordome (simulator + fake model) behind the ingress stand-in, with the built panel. */
export interface PanelStack {
  stack: Stack;
  proxy: IngressProxy;
  /** The panel's URL as the browser sees it: `http://127.0.0.1:<port>/api/hassio_ingress/<token>/`. */
  url: string;
  /** `GET /api/status` through ingress, as the panel's user. */
  status(): Promise<StatusReport>;
  stop(): Promise<void>;
}

/** Options of startPanelStack; `requirePanel: false` serves whatever is there (placeholder included). */
export interface PanelStackOptions {
  home?: SimHome;
  options?: Record<string, unknown>;
  user?: IngressUser;
  requirePanel?: boolean;
  /** The ingress stand-in drops WebSocket upgrades. */
  blockWebSockets?: boolean;
  /** Options of the fake model server (a `fallback` that answers every request, as the demo's model). */
  fakeAnthropic?: FakeAnthropicOptions;
}

/** Builds the panel if needed, then starts the stack and the proxy; waits until HA is connected. */
export async function startPanelStack(opts: PanelStackOptions = {}): Promise<PanelStack> {
  if (opts.requirePanel !== false) ensurePanelBuilt();
  const stack = await startStack({
    home: opts.home ?? loadIntentsHome(),
    ...(opts.options && { options: opts.options }),
    ...(opts.fakeAnthropic && { fakeAnthropic: opts.fakeAnthropic }),
  });
  const proxy = await startIngressProxy({ target: stack.url, user: opts.user ?? PANEL_USER, token: 'e2e-ingress-token', ...(opts.blockWebSockets && { blockWebSockets: true }) });
  const status = async (): Promise<StatusReport> => {
    const res = await fetch(`${proxy.url}api/status`);
    if (!res.ok) throw new Error(`/api/status answered ${res.status}`);
    return (await res.json()) as StatusReport;
  };
  const panel: PanelStack = {
    stack,
    proxy,
    url: proxy.url,
    status,
    async stop() {
      await proxy.stop();
      await stack.stop();
    },
  };
  for (let i = 0; i < 200; i++) {
    const report = await status();
    if (report.ha.connected && (report.ha.entities ?? 0) > 0) return panel;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await panel.stop();
  throw new Error('HA never connected in the panel stack');
}
