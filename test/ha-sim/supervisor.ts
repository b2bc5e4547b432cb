/**
 * The few Supervisor endpoints an add-on may call without `hassio_api`: `POST /discovery` and
 * `GET /addons/self/info`. Answers use the Supervisor's `{"result":"ok","data":…}` envelope.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerUser, readJson, sendJson } from './http-util.js';
import type { SimUser } from './users.js';

/** What the Supervisor part records. */
export interface SupervisorState {
  discoveryRequests: unknown[];
}

function addonInfo(): Record<string, unknown> {
  const entry = '/api/hassio_ingress/sim-ingress-token';
  return {
    name: 'Majordome',
    slug: 'local_majordome',
    hostname: 'local-majordome',
    description: 'A self-hosted AI agent for Home Assistant',
    version: '0.1.0',
    version_latest: '0.1.0',
    state: 'started',
    boot: 'auto',
    arch: ['aarch64', 'amd64'],
    ip_address: '172.30.33.1',
    ingress: true,
    ingress_panel: true,
    ingress_port: 8099,
    ingress_entry: entry,
    ingress_url: `${entry}/`,
    discovery: ['wyoming'],
    homeassistant_api: true,
    hassio_api: false,
    options: {},
  };
}

/** Handles Supervisor routes; returns false when the path is not one of them. */
export async function handleSupervisor(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  tokens: Record<string, SimUser>,
  state: SupervisorState,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const isDiscovery = method === 'POST' && path === '/discovery';
  const isInfo = method === 'GET' && path === '/addons/self/info';
  if (!isDiscovery && !isInfo) return false;
  // The Supervisor token of an add-on maps to an admin user in HA.
  const user = bearerUser(req, tokens);
  if (!user?.is_admin) {
    sendJson(res, 401, { result: 'error', message: 'Unauthorized' });
    return true;
  }
  if (isInfo) {
    sendJson(res, 200, { result: 'ok', data: addonInfo() });
    return true;
  }
  const body = await readJson(req);
  state.discoveryRequests.push(body);
  sendJson(res, 200, { result: 'ok', data: { uuid: randomUUID().replace(/-/g, '') } });
  return true;
}
