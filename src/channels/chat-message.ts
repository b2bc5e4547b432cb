import { z } from 'zod';
import type { UserIdentity } from '../contracts/identity.js';
import type { TurnStart } from './running-turns.js';

/** A chat message from a person, as `POST /api/chat` and socket.io's `chat:send` take it. */
export const ChatMessageBody = z.object({
  message: z
    .string()
    .min(1)
    .max(8000)
    .refine((s) => s.trim().length > 0, 'message is blank'),
  conversation_id: z.string().min(1).max(200).optional(),
  /** Optional BCP 47 tag (`en`, `fr-CA`): the panel knows the HA user's language. */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
    .optional(),
});

/** A validated chat message. */
export type ChatMessage = z.infer<typeof ChatMessageBody>;

/** The agent turn a chat message starts. */
export function turnStartOf(body: ChatMessage, user: UserIdentity, channel: string): TurnStart {
  return {
    text: body.message,
    ...(body.conversation_id !== undefined && { conversationId: body.conversation_id }),
    ...(body.language !== undefined && { language: body.language }),
    user,
    channel,
  };
}
