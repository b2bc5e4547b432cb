/**
 * The demo's web page, served on 127.0.0.1: the parish hall's opening hours and a form to ask to
 * book it. The demo model reads the hours from it with the real browser, so the browser's tool
 * cards (and its screenshot) can be seen in the chat without reaching the internet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The running page. */
export interface ParishHallSite {
  /** The opening-hours page, e.g. http://127.0.0.1:41234/ */
  url: string;
  stop(): Promise<void>;
}

/** The hours the page shows, day by day: the demo's test checks the model read them from the page. */
export const PARISH_HALL_HOURS: ReadonlyArray<readonly [day: string, hours: string]> = [
  ['Monday', 'closed'],
  ['Tuesday', '14:00 to 18:00'],
  ['Wednesday', '9:00 to 12:00 and 14:00 to 18:00'],
  ['Thursday', '14:00 to 18:00'],
  ['Friday', '14:00 to 21:00'],
  ['Saturday', '9:30 to 12:30'],
  ['Sunday', 'closed'],
];

const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parish hall opening hours</title>
<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;color:#222}th{text-align:left;padding-right:2em}label{display:block;margin:.5em 0}</style>
</head><body>${body}</body></html>`;
}

const HOURS_PAGE = page(`<h1>Parish hall opening hours</h1>
<table><tbody>${PARISH_HALL_HOURS.map(([day, hours]) => `<tr><th>${day}</th><td>${day}: ${hours}</td></tr>`).join('')}</tbody></table>
<h2>Ask to book the hall</h2>
<form method="post" action="/book">
<label>Your name <input name="name" required></label>
<label>Date <input name="date" type="date" required></label>
<button type="submit">Send the request</button>
</form>`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, html: string): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  };
  const path = new URL(req.url ?? '/', 'http://hall.test').pathname;
  if (req.method === 'GET' && path === '/') return send(200, HOURS_PAGE);
  if (req.method === 'POST' && path === '/book') {
    const form = await formOf(req);
    return send(200, page(`<h1>Request received</h1><p>Thank you, ${escape(form.get('name') ?? '')}: the parish secretary will answer about ${escape(form.get('date') ?? '')}.</p>`));
  }
  send(404, page('<h1>Not found</h1>'));
}

/** Serves the parish hall's page on a free loopback port. */
export async function startParishHallSite(): Promise<ParishHallSite> {
  const server = createServer((req, res) => void route(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
