import { z } from 'zod';

/** `chat:stop`. */
export const StopPayload = z.object({ turn_id: z.string().min(1).max(100) });

/** `chat:attach`. */
export const AttachPayload = z.object({ conversation_id: z.string().min(1).max(200) });
