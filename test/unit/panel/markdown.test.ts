// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../../panel/src/common/markdown.js';

const render = createMarkdownRenderer(window);

/** Parses rendered HTML into a detached element so tests look at the DOM, not at strings. */
function dom(markdown: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = render(markdown);
  return host;
}

describe('model markdown in the panel', () => {
  it('renders ordinary markdown: emphasis, lists, code and tables', () => {
    const host = dom('**Kitchen** is *on*\n\n- one\n- two\n\n`light.kitchen`\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(host.querySelector('strong')?.textContent).toBe('Kitchen');
    expect(host.querySelector('em')?.textContent).toBe('on');
    expect(host.querySelectorAll('li')).toHaveLength(2);
    expect(host.querySelector('code')?.textContent).toBe('light.kitchen');
    expect(host.querySelector('table td')?.textContent).toBe('1');
  });

  it('shows raw HTML from the model as text instead of running it', () => {
    const host = dom('Look: <img src=x onerror="alert(1)"> and <script>alert(2)</script>');
    expect(host.querySelector('img, script')).toBeNull();
    expect(host.querySelector('[onerror]')).toBeNull();
    expect(host.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('drops event handlers and scripts hidden in block HTML', () => {
    const host = dom('<div onclick="alert(1)"><svg onload="alert(2)"></svg><iframe src="https://evil.example"></iframe></div>');
    expect(host.querySelector('div, svg, iframe, [onclick], [onload]')).toBeNull();
  });

  it('never keeps javascript: or data: links', () => {
    const host = dom('[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [vb](JaVaScRiPt:alert(1))');
    for (const link of Array.from(host.querySelectorAll('a'))) {
      expect(link.getAttribute('href') ?? '').not.toMatch(/^(javascript|data):/i);
    }
    expect(host.innerHTML).not.toMatch(/javascript:/i);
  });

  it('opens web links in a new tab without giving the page a handle on the panel', () => {
    const link = dom('See [the docs](https://www.home-assistant.io/docs/).').querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://www.home-assistant.io/docs/');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('turns images into links so nothing is fetched until the user clicks', () => {
    const host = dom('![leak](https://evil.example/x.png?secret=1)');
    expect(host.querySelector('img')).toBeNull();
    const link = host.querySelector('a');
    expect(link?.textContent).toBe('leak');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('keeps no inline styles, classes or ids the model could use to restyle the panel', () => {
    const host = dom('<p style="position:fixed" class="x" id="y">hi</p>\n\n[a](https://a.example "t")');
    expect(host.querySelector('[style], [class], [id]')).toBeNull();
  });
});
