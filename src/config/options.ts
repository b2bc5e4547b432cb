import { z } from 'zod';

/** Default Claude model: current, capable of tool use, priced for a household. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';

/**
 * The add-on options (`/data/options.json`). Names are a public contract (DESIGN.md); every option
 * has a default or is optional, mirrored in config.yaml and both translations.
 * Unknown keys are ignored so an older server can read a newer options file.
 */
export const optionsSchema = z.object({
  llm_provider: z.enum(['anthropic']).default('anthropic'),
  anthropic_api_key: z.string().trim().optional(),
  model: z.string().trim().min(1).optional(),
  fallback_model: z.string().trim().min(1).optional(),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as "en" or "fr"')
    .default('en'),
  log_level: z.enum(['debug', 'info', 'warning', 'error']).default('info'),
  entity_access: z.enum(['exposed', 'all']).default('exposed'),
  max_steps: z.number().int().min(1).max(50).default(12),
  /** User policy rules; `match` is checked by the policy at start-up (src/policy/rule-syntax.ts). */
  rules: z
    .array(
      z.object({
        effect: z.enum(['allow', 'ask', 'deny']),
        tool: z.string().trim().min(1),
        match: z.string().trim().optional(),
      }),
    )
    .default([]),
  /** HA user ids or usernames who may approve (HA administrators always may). */
  approvers: z.array(z.string().trim().min(1)).default([]),
  approval_timeout_min: z.number().int().min(1).max(1440).default(10),
});

/** Validated add-on options. */
export type Options = z.infer<typeof optionsSchema>;
