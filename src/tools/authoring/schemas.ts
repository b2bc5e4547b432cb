/** The zod inputs of the authoring tools: HA's current config format, ids as HA's editors make them. */
import { z } from 'zod';
import type { ConfigKind } from './kinds.js';

const block = z.record(z.string(), z.unknown());

/** An automation, in HA's current format. */
export const automationConfig = z.looseObject({
  alias: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  triggers: z.array(block).min(1).describe('e.g. [{"trigger": "sun", "event": "sunset"}]'),
  conditions: z.array(z.union([block, z.string()])).optional(),
  actions: z.array(block).min(1).describe('e.g. [{"action": "light.turn_on", "target": {"entity_id": "light.porch"}}]'),
  mode: z.enum(['single', 'restart', 'queued', 'parallel']).optional(),
});

/** A script, in HA's current format. */
export const scriptConfig = z.looseObject({
  alias: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  sequence: z.array(block).min(1).describe('the actions, as in an automation'),
  mode: z.enum(['single', 'restart', 'queued', 'parallel']).optional(),
});

/** An item id: HA's editor uses a millisecond timestamp for automations and a slug for scripts. */
export function itemId(kind: ConfigKind): z.ZodString {
  return kind === 'script'
    ? z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'a script id is a slug such as wake_up').max(100)
    : z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an automation id as ha_list_automations gives it');
}
