/**
 * One sentence saying what an approved call will do, for the approval card and the phone:
 * "Unlock Front Door (lock.front_door)". Never echoes text typed into a browser field.
 */
import { readRecipients } from '../tools/mail/recipients.js';
import { replySubject } from '../tools/mail/reply-subject.js';
import { DEFAULT_DATA_DIR, readsOwnSecrets } from './shell-secret-reads.js';

/** Friendly name of an entity, when the index knows it. */
export type EntityNamer = (entityId: string) => string | undefined;

/** Said before a shell command that reads Majordome's own secrets (shell-secret-reads.ts). */
const OWN_SECRETS_WARNING =
  "Careful: this command reads Majordome's own settings or process environment, which hold its secrets (model keys, tokens, passwords), and what it prints goes to the model.";

const VERBS: Readonly<Record<string, string>> = {
  turn_on: 'Turn on',
  turn_off: 'Turn off',
  toggle: 'Toggle',
  unlock: 'Unlock',
  lock: 'Lock',
  open: 'Open',
  open_cover: 'Open',
  close_cover: 'Close',
  stop_cover: 'Stop',
  set_cover_position: 'Set the position of',
  open_valve: 'Open',
  close_valve: 'Close',
  set_valve_position: 'Set the position of',
  alarm_disarm: 'Disarm',
  alarm_arm_away: 'Arm (away)',
  alarm_arm_home: 'Arm (home)',
  alarm_arm_night: 'Arm (night)',
  alarm_trigger: 'Trigger the alarm of',
  set_temperature: 'Set the temperature of',
};

const MAX_TEXT = 160;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.filter((v): v is string => typeof v === 'string');
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function serviceSummary(input: Record<string, unknown>, nameOf: EntityNamer): string {
  const domain = String(input['domain'] ?? '');
  const service = String(input['service'] ?? '');
  const target = (input['target'] ?? {}) as Record<string, unknown>;
  const things = [
    ...list(target['entity_id']).map((id) => {
      const name = nameOf(id);
      return name ? `${name} (${id})` : id;
    }),
    ...list(target['area_id']).map((area) => `everything in area ${area}`),
    ...list(target['device_id']).map((device) => `device ${device}`),
  ];
  const data = Object.entries((input['data'] ?? {}) as Record<string, unknown>).map(([k, v]) => `${k} ${describeValue(v)}`);
  const verb = domain !== 'homeassistant' ? VERBS[service] : undefined;
  const head = verb ? `${verb} ${joinWords(things) || domain}` : `Call ${domain}.${service}${things.length ? ` on ${joinWords(things)}` : ''}`;
  return clip(data.length ? `${head}, with ${data.join(', ')}` : head);
}

/** The addresses the mail goes to, as the policy and the mailer read them (the entries as given if they do not read). */
function recipients(value: unknown, field: 'to' | 'cc'): string[] {
  const reading = readRecipients(value, field);
  return reading.ok ? reading.addresses : list(value);
}

/**
 * A mail is approved as a whole: after the one-line head comes the full draft (recipients,
 * subject, body), never cut, so the approver sees exactly what will leave the house.
 */
function mailSummary(args: Record<string, unknown>): string {
  const to = recipients(args['to'], 'to');
  const cc = recipients(args['cc'], 'cc');
  const isReply = typeof args['reply_to_uid'] === 'number';
  const subject = isReply ? replySubject(String(args['subject'] ?? '')) : String(args['subject'] ?? '');
  const head = clip(`Send an e-mail to ${joinWords([...to, ...cc])}: “${subject}”`);
  if (typeof args['body'] !== 'string') return head;
  const replyTo = isReply ? [`In reply to message ${args['reply_to_uid']}${typeof args['folder'] === 'string' ? ` in ${args['folder']}` : ''}`] : [];
  const account = typeof args['account'] === 'string' ? [`From account: ${args['account']}`] : [];
  return [head, '', `To: ${to.join(', ')}`, ...(cc.length ? [`Cc: ${cc.join(', ')}`] : []), `Subject: ${subject}`, ...replyTo, ...account, '', args['body']].join('\n');
}

/**
 * A shell command is shown whole, with where it runs: what follows the first 160 characters of a
 * command line is exactly where something harmful could hide from the person approving it. One
 * that reads Majordome's own secrets says so first, where a phone notification cannot cut it off.
 */
function shellSummary(args: Record<string, unknown>, dataDir: string): string {
  const cwd = typeof args['cwd'] === 'string' && args['cwd'].trim() !== '' ? ` (in ${args['cwd']})` : '';
  const command = String(args['command'] ?? '');
  const line = `Run the shell command${cwd}: ${command}`;
  return readsOwnSecrets(command, dataDir) ? `${OWN_SECRETS_WARNING}\n${line}` : line;
}

/** When a task runs, in words: its cron schedule, its one time, or what triggers it (with every condition). */
function taskWhen(args: Record<string, unknown>): string {
  if (typeof args['cron'] === 'string') return `on the schedule "${args['cron']}"`;
  if (typeof args['at'] === 'string') return `once at ${args['at']}`;
  const trigger = (args['trigger'] ?? {}) as Record<string, unknown>;
  const when = (key: string, word: string) => (trigger[key] !== undefined ? ` ${word} ${describeValue(trigger[key])}` : '');
  if (trigger['type'] === 'state') return `whenever ${String(trigger['entity_id'] ?? '?')} changes${when('from', 'from')}${when('to', 'to')}`;
  if (trigger['type'] === 'event') return `whenever the event ${String(trigger['event_type'] ?? '?')} fires${when('event_data', 'with data')}`;
  if (trigger['type'] === 'mail') return `whenever new mail arrives${when('account', 'in account')}`;
  return `when ${describeValue(args['trigger'] ?? 'asked')}`;
}

/**
 * A task is shown whole, like a shell command: its prompt runs later as the user, so a tail cut
 * from the summary would run without anyone having read it.
 */
function taskSummary(args: Record<string, unknown>): string {
  return `Schedule a task that runs ${taskWhen(args)}, doing: ${String(args['prompt'] ?? '')}`;
}

/** The sentence for one call; `dataDir` is Majordome's data folder (MAJORDOME_DATA_DIR). */
export function summarizeCall(tool: string, input: unknown, nameOf: EntityNamer = () => undefined, dataDir = DEFAULT_DATA_DIR): string {
  const args = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  switch (tool) {
    case 'ha_call_service':
      return serviceSummary(args, nameOf);
    case 'mail_send':
      return mailSummary(args);
    case 'shell_run':
      return shellSummary(args, dataDir);
    case 'task_schedule':
      return taskSummary(args);
    case 'browser_open':
      return clip(`Open ${String(args['url'] ?? '')} in the browser`);
    case 'browser_act': {
      const action = String(args['action'] ?? 'use');
      return action === 'type' ? `Type into field ${String(args['ref'] ?? '?')} in the browser` : `In the browser, ${action} ${String(args['ref'] ?? '?')}`;
    }
    default:
      return clip(`${tool} ${JSON.stringify(input ?? {})}`);
  }
}
