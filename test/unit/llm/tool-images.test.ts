import { describe, expect, it } from 'vitest';
import { latestImageOnly, withoutImages } from '../../../src/agent/tool-images.js';
import { buildMessages as buildAnthropicMessages } from '../../../src/llm/anthropic-request.js';
import { buildMessages as buildOpenAiMessages } from '../../../src/llm/openai-request.js';
import type { ChatMessage, ToolImage } from '../../../src/contracts/messages.js';

const shot = (data: string): ToolImage => ({ media_type: 'image/jpeg', data });

function screenshotTurn(id: string, data: string): ChatMessage[] {
  return [
    { role: 'assistant', content: [{ type: 'tool_use', id, name: 'browser_screenshot', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: '{"screenshot_id":"x"}', image: shot(data) }] },
  ];
}

const conversation: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'look twice' }] }, ...screenshotTurn('t1', 'AAAA'), ...screenshotTurn('t2', 'BBBB')];

const imagesIn = (messages: ChatMessage[]) => messages.flatMap((m) => m.content.flatMap((b) => (b.type === 'tool_result' && b.image ? [b.image.data] : [])));

describe('tool images in the conversation', () => {
  it('keeps only the newest image for a model that reads them, none for one that does not', () => {
    expect(imagesIn(latestImageOnly(conversation, true))).toEqual(['BBBB']);
    expect(imagesIn(latestImageOnly(conversation, false))).toEqual([]);
    // The text of every result stays.
    expect(latestImageOnly(conversation, false).map((m) => m.content.length)).toEqual(conversation.map((m) => m.content.length));
  });

  it('stores no image, and leaves the messages given untouched', () => {
    expect(imagesIn(withoutImages(conversation))).toEqual([]);
    expect(imagesIn(conversation)).toEqual(['AAAA', 'BBBB']);
  });

  it('Anthropic: the picture goes inside the tool result, after its text', () => {
    const [, , result] = buildAnthropicMessages([conversation[0] as ChatMessage, ...screenshotTurn('t1', 'AAAA')]);
    expect(result?.content).toEqual([
      expect.objectContaining({
        type: 'tool_result',
        tool_use_id: 't1',
        content: [
          { type: 'text', text: '{"screenshot_id":"x"}' },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'AAAA' } },
        ],
      }),
    ]);
  });

  it('OpenAI: a tool message holds text only, so the picture follows it in a user message, only with vision', () => {
    const messages = [conversation[0] as ChatMessage, ...screenshotTurn('t1', 'AAAA')];
    const withVision = buildOpenAiMessages(latestImageOnly(messages, true));
    expect(withVision.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(withVision.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'The image returned by tool call t1:' },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } },
      ],
    });
    expect(buildOpenAiMessages(latestImageOnly(messages, false)).map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });
});
