/**
 * What in an automation or script deserves a warning before anyone approves it: actions on locks,
 * alarm panels, garage doors and gates (the home's physical security), and actions that reach
 * outside the home (notifications, shell commands, REST commands). Said first in the approval, so
 * a phone notification that cuts the text still warns.
 */
import { t } from '../../messages/messages.js';
import { passageNamed } from '../home/passage-words.js';
import { configReferences } from './references.js';

const SECURITY_DOMAINS = new Set(['lock', 'alarm_control_panel']);
const OUTWARD_DOMAINS = new Set(['notify', 'shell_command', 'rest_command']);
const PASSAGE_CLASSES = new Set(['garage', 'gate', 'door']);

/** What the flags need to know of an entity: its attributes (device class, name). */
export type AttributesOf = (entityId: string) => Readonly<Record<string, unknown>> | undefined;

function isPassage(entityId: string, attributes: AttributesOf): boolean {
  const [domain = '', objectId = ''] = entityId.split('.', 2);
  if (domain !== 'cover') return false;
  const attrs = attributes(entityId) ?? {};
  const deviceClass = attrs['device_class'];
  if (typeof deviceClass === 'string' && PASSAGE_CLASSES.has(deviceClass)) return true;
  const name = attrs['friendly_name'];
  return passageNamed([objectId, ...(typeof name === 'string' ? [name] : [])]) !== undefined;
}

/** The warnings for the actions of `config` (its `actions` or `sequence`), one sentence each in `language` (English by default); none when nothing is risky. */
export function riskFlags(actions: unknown, attributes: AttributesOf, language?: string): string[] {
  const { entities, services } = configReferences(actions);
  const security = [
    ...entities.filter((id) => SECURITY_DOMAINS.has(id.split('.', 1)[0] ?? '') || isPassage(id, attributes)),
    ...services.filter((s) => SECURITY_DOMAINS.has(s.split('.', 1)[0] ?? '') && !entities.some((id) => id.startsWith(`${s.split('.', 1)[0] ?? ''}.`))),
  ];
  const outward = services.filter((s) => OUTWARD_DOMAINS.has(s.split('.', 1)[0] ?? ''));
  const flags: string[] = [];
  if (security.length > 0) flags.push(t(language, 'summary.flag_security', { things: security.join(', ') }));
  if (outward.length > 0) flags.push(t(language, 'summary.flag_outward', { services: outward.join(', ') }));
  return flags;
}
