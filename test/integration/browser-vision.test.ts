/**
 * Screenshots the model sees: `browser_screenshot` in real Chromium, through the real Anthropic
 * and OpenAI SDKs against the fake servers. Claude gets a JPEG inside the tool result, with
 * password fields painted over; an OpenAI-compatible model gets it as an image part only with
 * `openai_vision`; no later request resends it and the stored history holds none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../e2e/support/browser.js';
import type { FakeReply } from '../fake-llm/index.js';
import type { OpenAiRecordedRequest } from '../fake-llm/fake-openai-types.js';
import { say } from '../fake-llm/replies.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { startTestSite, type TestSite } from './browser-site.js';

const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });
const BROWSER_OPTIONS = { browser_enabled: true, browser_allow_private: true };

interface ImagePart {
  type: 'image';
  source: { type: string; media_type: string; data: string };
}

/** Image parts inside the tool results of an Anthropic request. */
function anthropicImages(body: unknown): ImagePart[] {
  const messages = (body as { messages: Array<{ content: unknown }> }).messages;
  return messages.flatMap((m) =>
    Array.isArray(m.content)
      ? (m.content as Array<{ type: string; content?: unknown }>).flatMap((block) =>
          block.type === 'tool_result' && Array.isArray(block.content) ? (block.content as ImagePart[]).filter((part) => part.type === 'image') : [],
        )
      : [],
  );
}

/** `data:` URLs of the image parts of an OpenAI request. */
function openAiImageUrls(req: OpenAiRecordedRequest): string[] {
  return req.openai.messages.flatMap((m) =>
    Array.isArray(m.content) ? (m.content as Array<{ type: string; image_url?: { url: string } }>).flatMap((p) => (p.type === 'image_url' && p.image_url ? [p.image_url.url] : [])) : [],
  );
}

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/** RGB of the pixel at (x, y) of a JPEG, decoded by Chromium itself. */
async function pixelAt(browser: Browser, jpegBase64: string, points: Array<{ x: number; y: number }>): Promise<number[][]> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ src, points }) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        return points.map(({ x, y }) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
      },
      { src: `data:image/jpeg;base64,${jpegBase64}`, points },
    );
  } finally {
    await page.close();
  }
}

describe.skipIf(chromiumMissing)('screenshots the model sees', () => {
  let site: TestSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await startTestSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  describe('with Claude', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ home: loadIntentsHome(), options: BROWSER_OPTIONS });
    });
    afterAll(async () => stack?.stop());

    it('gets a small JPEG in the tool result, password fields painted over, and never again after', async () => {
      stack.llm.enqueue(use('browser_open', { url: `${site.url}/login` }), use('browser_screenshot', {}), say('I see a sign-in form.'));
      const first = await chat(stack.url, { message: `show me the sign-in page of ${site.url}` });
      const conversationId = String(first.at(-1)?.conversation_id);
      const afterShot = stack.llm.requests.at(-1);
      const [image] = anthropicImages(afterShot?.body);
      expect(image?.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
      const bytes = Buffer.from(image?.source.data ?? '', 'base64');
      expect(isJpeg(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(300_000);

      // Where the password field is on the same page at the same size: Majordome's JPEG is black there.
      const reference = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await reference.goto(`${site.url}/login`);
      const box = await reference.locator('input[type="password"]').boundingBox();
      await reference.close();
      if (!box) throw new Error('no password field on the page');
      const [inField, background] = await pixelAt(browser, image?.source.data ?? '', [
        { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) },
        { x: 1200, y: 700 },
      ]);
      expect(Math.max(...(inField ?? [255]))).toBeLessThan(40);
      expect(Math.min(...(background ?? [0]))).toBeGreaterThan(200);

      // The next turn of the conversation carries no picture, and the stored history holds none.
      stack.llm.enqueue(say('Anything else?'));
      await chat(stack.url, { message: 'thanks', conversation_id: conversationId });
      expect(anthropicImages(stack.llm.requests.at(-1)?.body)).toEqual([]);
      const history = await (await fetch(`${stack.url}/api/conversations/${conversationId}`, { headers: TEST_USER_HEADERS })).text();
      expect(history).not.toContain('image/jpeg');
      expect(history).toContain('Screenshot of 127.0.0.1');
    });
  });

  describe.each([
    { vision: false, expected: 0 },
    { vision: true, expected: 1 },
  ])('with an OpenAI-compatible model, openai_vision: $vision', ({ vision, expected }) => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ home: loadIntentsHome(), llm: 'openai', options: { ...BROWSER_OPTIONS, openai_vision: vision } });
    });
    afterAll(async () => stack?.stop());

    it(vision ? 'sends the screenshot as an image part after the tool message' : 'sends no image, only the tool text', async () => {
      stack.llm.enqueue(use('browser_open', { url: `${site.url}/` }), use('browser_screenshot', {}), say('Done.'));
      await chat(stack.url, { message: `take a screenshot of the shop at ${site.url}` });
      const last = stack.llm.requests.at(-1) as OpenAiRecordedRequest;
      const urls = openAiImageUrls(last);
      expect(urls).toHaveLength(expected);
      if (vision) expect(isJpeg(Buffer.from(urls[0]?.replace(/^data:image\/jpeg;base64,/, '') ?? '', 'base64'))).toBe(true);
      const toolText = last.openai.messages.filter((m) => m.role === 'tool').map((m) => JSON.stringify(m.content)).join('');
      expect(toolText).toContain('screenshot_id');
    });
  });
});
