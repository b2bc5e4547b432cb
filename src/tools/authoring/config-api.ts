/**
 * HA's config REST API for the automation and script editors (components/config/view.py):
 * `GET|POST|DELETE <ha>/api/config/<kind>/config/<id>`, with the add-on's token through the
 * Supervisor's `/core` proxy, or HA_URL and its token standalone. HA's refusals ("Message
 * malformed: …") come back as HaError with HA's own words.
 */
import { HaError } from '../../errors.js';
import type { ConfigKind } from './kinds.js';

/** Where HA's REST API is and the token it takes (config.ha). */
export interface HaRestEndpoint {
  url: string;
  token: string;
}

/** An item's config as HA's editor file holds it. */
export type ItemConfig = Record<string, unknown>;

/** Reads, writes and deletes editor items over HA's REST API. */
export class HaConfigApi {
  constructor(private readonly endpoint: HaRestEndpoint) {}

  /** The item's config, or undefined when HA has none by this id. */
  async get(kind: ConfigKind, id: string): Promise<ItemConfig | undefined> {
    const res = await this.request('GET', kind, id);
    if (res.status === 404) return undefined;
    const body = await this.body(res);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HaError('ha_error', `Home Assistant sent no ${kind} config`);
    // HA's automation items carry their id; it is the key, not part of what the person edits.
    const { id: _id, ...config } = body as ItemConfig;
    return config;
  }

  /** Creates or replaces the item; HA validates it first and reloads its domain after. */
  async save(kind: ConfigKind, id: string, config: ItemConfig): Promise<void> {
    await this.body(await this.request('POST', kind, id, config));
  }

  /** Deletes the item; false when HA had none by this id. */
  async remove(kind: ConfigKind, id: string): Promise<boolean> {
    const res = await this.request('DELETE', kind, id);
    if (res.status === 400) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      if (body.message === 'Resource not found') return false;
      throw new HaError('ha_error', body.message ?? `Home Assistant refused (${res.status})`);
    }
    await this.body(res);
    return true;
  }

  private async request(method: string, kind: ConfigKind, id: string, body?: unknown): Promise<Response> {
    const url = `${this.endpoint.url.replace(/\/+$/, '')}/api/config/${kind}/config/${encodeURIComponent(id)}`;
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.endpoint.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new HaError('ha_unavailable', 'Home Assistant is unreachable right now.', undefined, { cause: err });
    }
  }

  private async body(res: Response): Promise<unknown> {
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.ok) return body;
    const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : text.trim();
    throw new HaError('ha_error', message || `Home Assistant answered ${res.status}`, String(res.status));
  }
}
