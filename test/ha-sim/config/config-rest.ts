/**
 * HA's config REST API for the editors (components/config/view.py, automation.py, script.py):
 * `GET|POST|DELETE /api/config/automation/config/<id>` and `/api/config/script/config/<key>`,
 * admins only. A save is validated first ("Message malformed: …", nothing written), then the
 * post-write hook reloads the domain; a delete also drops the entity's registry entry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from '../core.js';
import { readJson, sendJson, sendText } from '../http-util.js';
import { createContext } from '../ids.js';
import type { SimUser } from '../users.js';
import type { ConfigKind } from './config-store.js';
import { automationConfigError, scriptConfigError } from './validate-config.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** cv.slug: what a script's key must be. */
function slugError(key: string): string | undefined {
  return /^[a-z0-9_]+$/.test(key) && !key.startsWith('_') && !key.endsWith('_') ? undefined : `invalid slug ${key}`;
}

/** Handles `/api/config/<kind>/config/<key>`; returns false for any other path. */
export async function handleConfigRest(req: IncomingMessage, res: ServerResponse, parts: readonly string[], core: SimCore, user: SimUser): Promise<boolean> {
  const [resource, component, type, key] = parts;
  if (resource !== 'config' || type !== 'config' || parts.length !== 4 || key === undefined) return false;
  if (component !== 'automation' && component !== 'script') return false;
  const kind: ConfigKind = component;
  if (!user.is_admin) {
    sendText(res, 401, '401: Unauthorized');
    return true;
  }
  const files = core.configFiles;
  const context = () => createContext(user.id, core.now().getTime());
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    const value = files.get(kind, key);
    if (value) sendJson(res, 200, value);
    else sendJson(res, 404, { message: 'Resource not found' });
  } else if (method === 'POST') {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      sendJson(res, 400, { message: 'Invalid JSON specified' });
      return true;
    }
    const malformedKey = kind === 'script' ? slugError(key) : undefined;
    if (malformedKey) {
      sendJson(res, 400, { message: `Key malformed: ${malformedKey}` });
      return true;
    }
    const problem = kind === 'automation' ? automationConfigError(body) : scriptConfigError(body);
    if (problem || !isObject(body)) {
      sendJson(res, 400, { message: `Message malformed: ${problem ?? 'expected a dictionary'}` });
      return true;
    }
    files.write(kind, key, body);
    // HA runs the hook as a task after answering; the reload follows shortly.
    setImmediate(() => files.reload(kind, context()));
    sendJson(res, 200, { result: 'ok' });
  } else if (method === 'DELETE') {
    if (!files.delete(kind, key)) {
      sendJson(res, 400, { message: 'Resource not found' });
      return true;
    }
    setImmediate(() => {
      files.reload(kind, context());
      files.forgetEntity(kind, key, context());
    });
    sendJson(res, 200, { result: 'ok' });
  } else sendText(res, 405, '405: Method Not Allowed');
  return true;
}
