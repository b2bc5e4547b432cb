import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import type { HttpDeps } from '../deps.js';
import { baseHrefFrom, injectBaseHref } from '../base-href.js';
import { sendError } from '../http-errors.js';
import { isTrustedPeer } from '../peer.js';

const PLACEHOLDER = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Majordome</title></head>
  <body>
    <h1>Majordome</h1>
    <p>The server is running, but its panel has not been built. Build it with <code>npm run build:panel</code>.</p>
  </body>
</html>
`;

/** The panel: built files from `panelDir`, index.html for app routes, or a placeholder page. */
export function createPanelRouter(deps: HttpDeps): Router {
  const router = Router();
  const panelDir = deps.panelDir;

  if (panelDir) {
    router.use(express.static(panelDir, { index: false, dotfiles: 'ignore', fallthrough: true }));
  }

  router.get('/{*path}', async (req, res) => {
    // A missing asset is a 404; only extension-less paths are panel routes.
    if (path.extname(req.path) !== '' && req.path !== '/index.html') {
      return sendError(res, 404, 'not_found', 'Not found.');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html');
    if (!panelDir) return res.send(PLACEHOLDER);
    const html = await readFile(path.join(panelDir, 'index.html'), 'utf8').catch(() => undefined);
    if (html === undefined) return res.send(PLACEHOLDER);
    const href = ingressBaseHref(req, deps.trustedProxies);
    res.send(href ? injectBaseHref(html, href) : html);
  });

  return router;
}

/** X-Ingress-Path counts only when the trusted proxy sent it. */
function ingressBaseHref(req: Request, trustedProxies: readonly string[]): string | undefined {
  if (!isTrustedPeer(req.socket.remoteAddress, trustedProxies)) return undefined;
  const header = req.headers['x-ingress-path'];
  return typeof header === 'string' ? baseHrefFrom(header) : undefined;
}
