import { Router } from 'express';
import type { HttpDeps, PanelSignIn } from '../deps.js';
import { sendError } from '../http-errors.js';
import { decideIdentity } from '../identity.js';

/** What `GET /api/panel-config` answers: how the panel gets its identity. */
export interface PanelConfigView {
  mode: 'addon' | 'standalone';
  /** Present when the panel must sign in with HA's own login (standalone, not behind a proxy that names the user). */
  ha_url?: string;
}

/** The answer for one request: HA's address only when the request does not already carry a proxy's identity. */
export function panelConfigFor(signIn: PanelSignIn, viaProxy: boolean): PanelConfigView {
  if (signIn.mode === 'addon') return { mode: 'addon' };
  return viaProxy || !signIn.haUrl ? { mode: 'standalone' } : { mode: 'standalone', ha_url: signIn.haUrl };
}

/**
 * `GET /api/panel-config`, before the identity check: the panel must learn how to sign in before it
 * can. It reveals nothing secret (HA's address is the one the user's browser signs in at).
 */
export function createPanelConfigRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/panel-config', (req, res) => {
    if (!deps.panelSignIn) return sendError(res, 404, 'not_found', 'No panel configuration is available.');
    const decision = decideIdentity({ peer: req.socket.remoteAddress, headers: req.headers, trustedProxies: deps.trustedProxies });
    res.setHeader('Cache-Control', 'no-store');
    res.json(panelConfigFor(deps.panelSignIn, decision.kind === 'ingress'));
  });
  return router;
}
