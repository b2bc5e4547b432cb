import type { RequestHandler } from 'express';
import { sendError } from './http-errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Whether a request is a state change a browser made on behalf of another site. */
export function isCrossSiteWrite(method: string, secFetchSite: string | undefined): boolean {
  return STATE_CHANGING.has(method.toUpperCase()) && secFetchSite?.toLowerCase() === 'cross-site';
}

/**
 * CSRF guard. Ingress authenticates with HA's session cookie, so a page elsewhere could make a
 * logged-in browser post here; browsers label such requests `Sec-Fetch-Site: cross-site`.
 */
export const rejectCrossSiteWrites: RequestHandler = (req, res, next) => {
  const site = req.headers['sec-fetch-site'];
  if (isCrossSiteWrite(req.method, typeof site === 'string' ? site : undefined)) {
    return sendError(res, 403, 'forbidden', 'Cross-site requests are not allowed.');
  }
  next();
};

/**
 * API writes must be JSON: an HTML form cannot send `application/json` without a CORS
 * preflight, which closes the CSRF door for browsers that predate Sec-Fetch-Site.
 */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (WITH_BODY.has(req.method) && !req.is('application/json')) {
    return sendError(res, 415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  next();
};

/** Headers on every response. No X-Frame-Options or frame-ancestors: HA frames the panel. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};
