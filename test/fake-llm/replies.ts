/** Short builders for scripted model replies, shared by the end-to-end tests. */
import { turnToolCalls } from './request-view.js';
import type { FakeReply, RecordedRequest } from './types.js';

/** The model answers with text only. */
export const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

/** The model calls `ha_call_service` with this input. */
export const callService = (input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_call_service', input }] });

/** The model repeats the last tool result, `OK: …` or `FAILED: …`, so a test can read what the tool did. */
export const echoResult = (req: RecordedRequest): FakeReply => {
  const result = turnToolCalls(req.body).at(-1)?.result;
  return say(`${result?.isError ? 'FAILED' : 'OK'}: ${result?.text ?? ''}`);
};
