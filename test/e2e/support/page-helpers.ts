import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Text of an element including its shadow roots (Lit components keep their text there). */
export function deepText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const shadow = node instanceof Element ? node.shadowRoot : null;
      if (shadow) shadow.childNodes.forEach(walk);
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join('').replace(/\s+/g, ' ').trim();
  });
}

/** Every element matching `selector` anywhere in the page, shadow roots included. */
export function countDeep(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    let count = 0;
    const visit = (root: Document | ShadowRoot): void => {
      count += root.querySelectorAll(sel).length;
      root.querySelectorAll('*').forEach((el) => {
        if (el.shadowRoot) visit(el.shadowRoot);
      });
    };
    visit(document);
    return count;
  }, selector);
}

/** Types a message in the composer and sends it with the send button; `page` may be the panel framed in HA's page. */
export async function sendFromComposer(page: Page | FrameLocator, message: string): Promise<void> {
  await page.getByTestId('composer-input').fill(message);
  await page.getByTestId('composer-send').click();
}

/** A promise the test resolves by hand, to hold the fake model at a chosen step. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** What a raw WebSocket to socket.io saw: engine.io's open packet, then the namespace answer. */
export interface SocketProbe {
  opened: boolean;
  messages: string[];
}

/**
 * From inside the page, opens socket.io's WebSocket at `url` and asks to join the default
 * namespace, as the socket.io client does; resolves with what came back before the socket closed.
 */
export function probeSocketIo(page: Page, url: string): Promise<SocketProbe> {
  return page.evaluate(
    (target) =>
      new Promise<SocketProbe>((resolve) => {
        const messages: string[] = [];
        let opened = false;
        const ws = new WebSocket(target);
        const finish = (): void => resolve({ opened, messages });
        ws.onopen = () => (opened = true);
        ws.onmessage = (event) => {
          messages.push(String(event.data));
          if (messages.length === 1) ws.send('40');
          else {
            ws.close();
            finish();
          }
        };
        ws.onclose = finish;
      }),
    url,
  );
}
