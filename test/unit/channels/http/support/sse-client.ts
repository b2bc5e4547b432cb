import type { ChatEvent } from '../../../../../src/contracts/chat-events.js';

/** Splits an SSE body into its `data:` payloads (parsed) and counts comment lines. */
export function parseSse(body: string): { events: ChatEvent[]; comments: number } {
  const events: ChatEvent[] = [];
  let comments = 0;
  for (const block of body.split('\n\n')) {
    for (const line of block.split('\n')) {
      if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ChatEvent);
      else if (line.startsWith(':')) comments += 1;
    }
  }
  return { events, comments };
}

/**
 * Reads a streaming response (or the reader a previous call returned) until `until` accepts an
 * event, then returns what came so far without closing the stream (the caller decides whether to abort).
 */
export async function readEventsUntil(
  source: Response | ReadableStreamDefaultReader<Uint8Array>,
  until: (event: ChatEvent) => boolean,
): Promise<{ events: ChatEvent[]; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  if (source instanceof Response) {
    if (!source.body) throw new Error('response has no body');
    reader = source.body.getReader();
  } else {
    reader = source;
  }
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const complete = text.slice(0, text.lastIndexOf('\n\n') + 2);
    const { events } = parseSse(complete);
    if (events.some(until)) return { events, reader };
  }
  return { events: parseSse(text).events, reader };
}
