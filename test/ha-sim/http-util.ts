import type { IncomingMessage, ServerResponse } from 'node:http';

import type { SimUser } from './users.js';

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends a plain-text body, as aiohttp does for its HTTP exceptions ("401: Unauthorized"). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The user behind `Authorization: Bearer <token>`, if any. */
export function bearerUser(req: IncomingMessage, tokens: Record<string, SimUser>): SimUser | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match ? tokens[match[1]?.trim() ?? ''] : undefined;
}

/** Reads a request body as JSON (empty body → undefined); rejects bodies over 16 MiB. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024 * 1024) throw new RangeError('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? undefined : JSON.parse(text);
}
