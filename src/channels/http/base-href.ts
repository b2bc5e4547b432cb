// The ingress prefix looks like `/api/hassio_ingress/<token>`; anything else is not used.
const INGRESS_PATH_RE = /^(\/[A-Za-z0-9._~-]+)+\/?$/;

/** A safe `<base href>` value from X-Ingress-Path, or undefined when the header is unusable. */
export function baseHrefFrom(ingressPath: string | undefined): string | undefined {
  if (!ingressPath || ingressPath.length > 512 || !INGRESS_PATH_RE.test(ingressPath)) return undefined;
  return `${ingressPath.replace(/\/+$/, '')}/`;
}

/** Puts `<base href>` first in `<head>` so it wins over any base the build left there. */
export function injectBaseHref(html: string, href: string): string {
  const tag = `<base href="${escapeAttribute(href)}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${tag}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
