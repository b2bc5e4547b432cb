/**
 * Builds the final Message from the raw events of a streamed Messages call. The SDK's
 * MessageStream does this too, but behind an event emitter, a second async queue and a snapshot
 * copied on every delta, which cost about a millisecond a turn; the provider reads the raw stream
 * and needs only the finished message and its text as it comes. Pure, so it is tested alone.
 */
import { AnthropicError } from '@anthropic-ai/sdk';
import type { ContentBlock, Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';

/** Feeds events in order; `finish` returns the message once `message_stop` has arrived. */
export interface MessageBuilder {
  /** Applies one event; returns the text it adds to the answer, if any. */
  apply(event: RawMessageStreamEvent): string | undefined;
  /** The whole message; throws if the stream ended before `message_stop`. */
  finish(): Message;
}

type ToolInputBlock = Extract<ContentBlock, { type: 'tool_use' | 'server_tool_use' }>;

function takesToolInput(block: ContentBlock | undefined): block is ToolInputBlock {
  return block?.type === 'tool_use' || block?.type === 'server_tool_use';
}

/** A builder for one streamed answer. */
export function createMessageBuilder(): MessageBuilder {
  let message: Message | undefined;
  let stopped = false;
  // The streamed JSON of each tool call's input, by block index, parsed once the block ends.
  const inputs = new Map<number, string>();

  const started = (type: string): Message => {
    if (!message) throw new AnthropicError(`The stream sent ${type} before message_start.`);
    return message;
  };

  return {
    apply(event) {
      switch (event.type) {
        case 'message_start':
          if (message) throw new AnthropicError('The stream sent a second message_start.');
          message = { ...event.message, content: [...event.message.content], usage: { ...event.message.usage } };
          return undefined;
        case 'content_block_start':
          started(event.type).content[event.index] = { ...event.content_block };
          return undefined;
        case 'content_block_delta': {
          const content = started(event.type).content;
          const block = content[event.index];
          const delta = event.delta;
          if (delta.type === 'text_delta' && block?.type === 'text') {
            block.text += delta.text;
            return delta.text;
          }
          if (delta.type === 'input_json_delta' && takesToolInput(block)) inputs.set(event.index, (inputs.get(event.index) ?? '') + delta.partial_json);
          else if (delta.type === 'citations_delta' && block?.type === 'text') block.citations = [...(block.citations ?? []), delta.citation];
          else if (delta.type === 'thinking_delta' && block?.type === 'thinking') block.thinking += delta.thinking;
          else if (delta.type === 'signature_delta' && block?.type === 'thinking') block.signature = delta.signature;
          return undefined;
        }
        case 'content_block_stop': {
          const block = started(event.type).content[event.index];
          const json = inputs.get(event.index);
          if (takesToolInput(block) && json !== undefined && json.trim() !== '') {
            try {
              block.input = JSON.parse(json) as unknown;
            } catch {
              throw new AnthropicError(`The input of the ${block.name} call was cut off or is not JSON.`);
            }
          }
          return undefined;
        }
        case 'message_delta': {
          const current = started(event.type);
          current.stop_reason = event.delta.stop_reason;
          current.stop_sequence = event.delta.stop_sequence;
          // Counts in message_delta are totals for the whole message, present only when they apply.
          current.usage.output_tokens = event.usage.output_tokens;
          if (event.usage.input_tokens != null) current.usage.input_tokens = event.usage.input_tokens;
          if (event.usage.cache_creation_input_tokens != null) current.usage.cache_creation_input_tokens = event.usage.cache_creation_input_tokens;
          if (event.usage.cache_read_input_tokens != null) current.usage.cache_read_input_tokens = event.usage.cache_read_input_tokens;
          return undefined;
        }
        case 'message_stop':
          started(event.type);
          stopped = true;
          return undefined;
        default:
          return undefined;
      }
    },
    finish() {
      if (!message || !stopped) throw new AnthropicError('The stream ended before the answer was complete.');
      // A block the stream never started leaves a hole; the API numbers blocks from 0 without gaps.
      return { ...message, content: message.content.filter((block) => block !== undefined) };
    },
  };
}
