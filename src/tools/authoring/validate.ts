/**
 * Whether HA would take a config, asked before anyone is asked to approve it: the keys HA's schema
 * requires, HA's own `validate_config` on its triggers, conditions and actions (its reasons passed
 * on word for word), and that every entity and service it names exists and is Majordome's to use.
 */
import type { HaConnection } from '../../ha/ha-connection.js';
import { describeError } from '../../errors.js';
import type { ItemConfig } from './config-api.js';
import { KINDS, type ConfigKind } from './kinds.js';
import { configReferences } from './references.js';

/** What the checks need of the home. */
export interface ValidationDeps {
  ha: Pick<HaConnection, 'sendMessage' | 'findService'>;
  /** Whether HA has no entity by this id at all (EntityIndex.isUnknown). */
  isUnknown(entityId: string): boolean;
  /** Whether the entity is within entity_access (EntityIndex.isAccessible). */
  isAccessible(entityId: string): boolean;
}

type ValidateAnswer = Record<string, { valid: boolean; error: string | null } | undefined>;

/** Domains Majordome writes itself: their entities are named by the very configs it saves. */
const OWN_DOMAINS = new Set(['automation', 'script']);

/** The parts `validate_config` checks, as HA names them, from this kind's config. */
function validateMessage(kind: ConfigKind, config: ItemConfig): Record<string, unknown> {
  if (kind === 'script') return { actions: config['sequence'] };
  const parts: Record<string, unknown> = { triggers: config['triggers'] ?? config['trigger'], actions: config['actions'] ?? config['action'] };
  const conditions = config['conditions'] ?? config['condition'];
  if (conditions !== undefined) parts['conditions'] = conditions;
  return parts;
}

/** Why HA would refuse `config`, in its words; undefined when it would take it. */
export async function configProblem(deps: ValidationDeps, kind: ConfigKind, config: ItemConfig): Promise<string | undefined> {
  const missing = KINDS[kind].required.filter((key) => config[key] === undefined && config[key.replace(/s$/, '')] === undefined);
  if (missing.length > 0) return `Home Assistant needs ${missing.map((k) => `"${k}"`).join(' and ')} in a ${kind}.`;
  let answer: ValidateAnswer;
  try {
    answer = await deps.ha.sendMessage<ValidateAnswer>({ type: 'validate_config', ...validateMessage(kind, config) }, { resendable: true });
  } catch (err) {
    return `Home Assistant could not check it: ${describeError(err)}`;
  }
  for (const [part, verdict] of Object.entries(answer)) {
    if (verdict && !verdict.valid) return `Home Assistant says the ${kind === 'script' ? 'sequence' : part} is invalid: ${verdict.error ?? 'no reason given'}`;
  }
  const { entities, services } = configReferences(config);
  const unknown = entities.filter((id) => deps.isUnknown(id));
  if (unknown.length > 0) return `Home Assistant has no entity ${unknown.join(', ')}.`;
  const outside = entities.filter((id) => !OWN_DOMAINS.has(id.split('.', 1)[0] ?? '') && !deps.isAccessible(id));
  if (outside.length > 0) return `${outside.join(', ')}: not available to the assistant (entity_access).`;
  for (const service of services) {
    const [domain = '', name = ''] = service.split('.', 2);
    // A script created in the same breath has no service yet: its entity check above stands for it.
    if (domain === 'script' && !['turn_on', 'turn_off', 'toggle', 'reload'].includes(name)) continue;
    const found = await deps.ha.findService(domain, name).catch(() => undefined);
    if (!found) return `Home Assistant has no action ${service}.`;
  }
  return undefined;
}
