/**
 * Reads a `transcript` event: `{text, language?, context?: {conversation_id?, device_id?,
 * satellite_id?}}` (context only from wyoming 1.7 on). Optional fields that are malformed are
 * dropped rather than failing the turn: the words still deserve an answer.
 */
import { z } from 'zod';

/** What a voice turn needs from a transcript. */
export interface VoiceRequest {
  text: string;
  language?: string;
  conversationId?: string;
}

const Text = z.string().trim().min(1).max(8000);
const Language = z.string().regex(/^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$/);
const ConversationId = z.string().trim().min(1).max(200);
const Context = z.object({ conversation_id: z.unknown().optional() }).loose();

/** The request, or undefined when there are no words to answer. */
export function parseTranscript(data: Record<string, unknown>): VoiceRequest | undefined {
  const text = Text.safeParse(data['text']);
  if (!text.success) return undefined;
  const language = Language.safeParse(data['language']);
  const context = Context.safeParse(data['context']);
  const conversationId = context.success ? ConversationId.safeParse(context.data.conversation_id) : undefined;
  return {
    text: text.data,
    ...(language.success && { language: language.data.replace('_', '-') }),
    ...(conversationId?.success && { conversationId: conversationId.data }),
  };
}
