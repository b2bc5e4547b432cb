import { z } from 'zod';

/** `chat:send`: the same limits as `POST /api/chat`. */
export const SendPayload = z.object({
  message: z
    .string()
    .min(1)
    .max(8000)
    .refine((s) => s.trim().length > 0, 'message is blank'),
  conversation_id: z.string().min(1).max(200).optional(),
  /** Optional BCP 47 tag (`en`, `fr-CA`). */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
    .optional(),
});

/** `chat:stop`. */
export const StopPayload = z.object({ turn_id: z.string().min(1).max(100) });
