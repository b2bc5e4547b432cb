import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * Markdown from the model becomes HTML only through here: raw HTML in the text is shown as text,
 * and the result passes DOMPurify with a short allow-list, so nothing the model writes can run
 * script, load a remote resource (images could carry data out in their URL) or restyle the page.
 */

/** Turns model markdown into safe HTML. */
export type MarkdownRenderer = (markdown: string) => string;

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
// Only web and mail links; no javascript:, data:, or relative URLs into the panel's own API.
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:)/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function createMarked(): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    async: false,
    renderer: {
      // The model's raw HTML is displayed, never interpreted.
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      // An image would be fetched as soon as it renders; a link waits for the user.
      image: ({ href, text }: Tokens.Image) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
    },
  });
}

/** A renderer bound to one window (the page's, or jsdom's in tests). */
export function createMarkdownRenderer(win: Window & typeof globalThis): MarkdownRenderer {
  const marked = createMarked();
  const purify = DOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    if (node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return (markdown) => {
    const html = marked.parse(markdown, { async: false });
    return purify.sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
    });
  };
}

let pageRenderer: MarkdownRenderer | undefined;

/** Renders with the page's window; the sanitizer is built on first use. */
export function renderMarkdown(markdown: string): string {
  pageRenderer ??= createMarkdownRenderer(window);
  return pageRenderer(markdown);
}
