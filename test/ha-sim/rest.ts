/**
 * HA's REST API (homeassistant/components/api) for the routes clients use: `/api/`, config,
 * states, services and events. Paths arrive without the Supervisor's `/core` prefix.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HaError } from '../../src/errors.js';
import { handleConfigRest } from './config/config-rest.js';
import type { SimCore } from './core.js';
import { bearerUser, readJson, sendJson, sendText } from './http-util.js';
import { createContext } from './ids.js';
import type { SimUser } from './users.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function callService(req: IncomingMessage, res: ServerResponse, core: SimCore, user: SimUser, domain: string, service: string, url: URL): Promise<void> {
  const body = await readJson(req);
  const returnResponse = url.searchParams.has('return_response');
  try {
    const result = await core.engine.call({
      domain,
      service,
      serviceData: isObject(body) ? body : {},
      returnResponse,
      userId: user.id,
    });
    sendJson(res, 200, returnResponse ? { changed_states: result.changed, service_response: result.response } : result.changed);
  } catch (err) {
    if (!(err instanceof HaError)) throw err;
    if (err.haCode === 'service_validation_error') sendJson(res, 400, { message: err.message });
    else if (err.haCode === 'not_found' || err.haCode === 'invalid_format') sendText(res, 400, '400: Bad Request');
    else sendJson(res, 500, { message: err.message });
  }
}

async function postState(req: IncomingMessage, res: ServerResponse, core: SimCore, user: SimUser, entityId: string): Promise<void> {
  if (!user.is_admin) return sendText(res, 401, '401: Unauthorized');
  const body = await readJson(req);
  if (!isObject(body) || typeof body.state !== 'string') return sendJson(res, 400, { message: 'No state specified.' });
  const existed = core.store.get(entityId) !== undefined;
  const attributes = isObject(body.attributes) ? body.attributes : {};
  core.store.write(entityId, body.state, attributes, createContext(user.id, core.now().getTime()));
  sendJson(res, existed ? 200 : 201, core.store.get(entityId));
}

/** Handles `/api/...`; returns false when the path is not a REST route. */
export async function handleRest(req: IncomingMessage, res: ServerResponse, path: string, core: SimCore, tokens: Record<string, SimUser>): Promise<boolean> {
  if (!path.startsWith('/api/') && path !== '/api') return false;
  const user = bearerUser(req, tokens);
  if (!user) {
    sendText(res, 401, '401: Unauthorized');
    return true;
  }
  const url = new URL(path, 'http://sim');
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [resource, a, b] = parts;
  const method = req.method ?? 'GET';

  if (await handleConfigRest(req, res, parts, core, user)) return true;
  if (method === 'GET' && parts.length === 0) sendJson(res, 200, { message: 'API running.' });
  else if (method === 'GET' && resource === 'config' && parts.length === 1) sendJson(res, 200, core.config());
  else if (method === 'GET' && resource === 'states' && parts.length === 1) sendJson(res, 200, core.store.all());
  else if (method === 'GET' && resource === 'states' && a && parts.length === 2) {
    const state = core.store.get(a);
    if (state) sendJson(res, 200, state);
    else sendJson(res, 404, { message: 'Entity not found.' });
  } else if (method === 'POST' && resource === 'states' && a && parts.length === 2) await postState(req, res, core, user, a);
  else if (method === 'GET' && resource === 'services' && parts.length === 1) {
    sendJson(res, 200, Object.entries(core.services).map(([domain, services]) => ({ domain, services })));
  } else if (method === 'POST' && resource === 'services' && a && b && parts.length === 3) await callService(req, res, core, user, a, b, url);
  else if (method === 'POST' && resource === 'events' && a && parts.length === 2) {
    if (!user.is_admin) sendText(res, 401, '401: Unauthorized');
    else {
      const body = await readJson(req);
      const data = isObject(body) ? body : {};
      core.firedEvents.push({ event_type: a, event_data: data });
      core.bus.fire(a, data, createContext(user.id, core.now().getTime()), core.now());
      sendJson(res, 200, { message: `Event ${a} fired.` });
    }
  } else sendText(res, 404, '404: Not Found');
  return true;
}
