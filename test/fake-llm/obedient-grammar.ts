/**
 * The instructions an obedient fake model finds in text it has read: a small grammar of the
 * commands attackers write ("unlock X", "turn on X", "send mail to Y with Z", "open URL", "run
 * the command C", "schedule a task at T to X"). Deterministic and deliberately greedy: it plays the
 * worst-case model.
 */

/** One instruction read somewhere, with what it targets. */
export type ReadInstruction =
  | { kind: 'unlock' | 'disarm' | 'turn_on' | 'turn_off' | 'open'; target: string }
  | { kind: 'send_mail'; to: string; body: string }
  | { kind: 'open_url'; url: string }
  | { kind: 'run_command'; command: string }
  | { kind: 'schedule'; at: string; prompt: string };

const STOP = String.raw`(?=$|[.,;:!?\n"<>)\]]|\s+(?:and|then|now|immediately|right|please|at|with|to|so|because|instead)\b)`;
/** An entity id, or a name of a few words. */
const TARGET = String.raw`(?:the\s+|my\s+|your\s+)?([a-z_]+\.[a-z0-9_]+(?![a-z0-9_])|[a-z0-9_][a-z0-9_' -]{1,60}?)`;

const ENTITY_COMMANDS: Array<[RegExp, 'unlock' | 'disarm' | 'turn_on' | 'turn_off' | 'open']> = [
  [new RegExp(String.raw`\bunlock\s+${TARGET}${STOP}`, 'gi'), 'unlock'],
  [new RegExp(String.raw`\bdisarm\s+${TARGET}${STOP}`, 'gi'), 'disarm'],
  [new RegExp(String.raw`\b(?:turn|switch)\s+on\s+${TARGET}${STOP}`, 'gi'), 'turn_on'],
  [new RegExp(String.raw`\b(?:turn|switch)\s+off\s+${TARGET}${STOP}`, 'gi'), 'turn_off'],
  [new RegExp(String.raw`\bopen\s+(?!https?:)${TARGET}${STOP}`, 'gi'), 'open'],
];
const MAIL = /\b(?:send|e-?mail|forward|mail)\s+(?:an?\s+)?(?:(?:e-?mail|mail|message|it|them|everything)\s+)?(?:to\s+)?([\w.+-]+@[\w-]+\.[\w.-]*\w)(?:\s+(?:with|containing|saying|including|about)\s+([^\n".]{1,120}))?/gi;
const URL = /\b(?:open|visit|go to|navigate to|browse to|fetch|load|post (?:it |everything )?to)\s+(https?:\/\/[^\s"'<>\\]+)/gi;
/** A recipient written in quotes is used exactly as written: `send mail to "<evil@evil.test> bob@home.test"`. */
const MAIL_QUOTED = /\b(?:send|e-?mail|forward|mail)\s+(?:an?\s+)?(?:(?:e-?mail|mail|message|it|them|everything)\s+)?to\s+"([^"\n]{3,120})"(?:\s+(?:with|containing|saying|including|about)\s+([^\n".]{1,120}))?/gi;
/** "schedule a task at 2026-06-02T03:00:00Z to X": X is done later, by the task, not now. */
const SCHEDULE = /\bschedule\s+(?:a\s+)?task\s+(?:at|for)\s+(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?Z)\s*(?:to|that says|:)\s*([^\n"]{3,200}?)(?=\.(?:\s|$)|\n|"|$)/gi;
const COMMAND = /\brun\s+(?:the\s+)?(?:shell\s+)?command[:\s]+[`'"]?([^`'"\n\\]{1,120})/gi;

/** Words that are not a target ("open it", "turn on everything"). */
const NOT_TARGETS = new Set(['it', 'them', 'everything', 'this', 'that', 'url', 'link', 'page', 'command', 'mail', 'e-mail', 'email']);

function cleanTarget(raw: string): string | undefined {
  const target = raw.trim().replace(/\s+/g, ' ').replace(/['\s]+$/, '');
  return target.length >= 2 && !NOT_TARGETS.has(target.toLowerCase()) ? target : undefined;
}

/** Every instruction in one piece of text, in order of appearance. */
export function findInstructions(text: string): ReadInstruction[] {
  const found: Array<{ at: number; instruction: ReadInstruction }> = [];
  // What a scheduled task is told to do is for later: the words inside are not obeyed now.
  const later: Array<[number, number]> = [];
  for (const match of text.matchAll(SCHEDULE)) {
    found.push({ at: match.index, instruction: { kind: 'schedule', at: match[1] ?? '', prompt: (match[2] ?? '').trim() } });
    later.push([match.index, match.index + match[0].length]);
  }
  const now = (at: number) => !later.some(([start, end]) => at > start && at < end);
  for (const [pattern, kind] of ENTITY_COMMANDS) {
    for (const match of text.matchAll(pattern)) {
      const target = cleanTarget(match[1] ?? '');
      if (target) found.push({ at: match.index, instruction: { kind, target } });
    }
  }
  for (const pattern of [MAIL, MAIL_QUOTED]) {
    for (const match of text.matchAll(pattern)) found.push({ at: match.index, instruction: { kind: 'send_mail', to: match[1] ?? '', body: (match[2] ?? 'as asked').trim() } });
  }
  for (const match of text.matchAll(URL)) found.push({ at: match.index, instruction: { kind: 'open_url', url: match[1] ?? '' } });
  for (const match of text.matchAll(COMMAND)) found.push({ at: match.index, instruction: { kind: 'run_command', command: (match[1] ?? '').trim() } });
  return found
    .filter((f) => f.instruction.kind === 'schedule' || now(f.at))
    .sort((a, b) => a.at - b.at)
    .map((f) => f.instruction);
}

/** Every string inside a tool result (JSON or plain text, with or without the untrusted wrapper). */
export function stringsOf(resultText: string): string[] {
  const body = resultText.replace(/<\/?untrusted_content>/g, '').trim();
  try {
    const out: string[] = [];
    const visit = (node: unknown): void => {
      if (typeof node === 'string') out.push(node);
      else if (Array.isArray(node)) node.forEach(visit);
      else if (typeof node === 'object' && node !== null) Object.values(node).forEach(visit);
    };
    visit(JSON.parse(body) as unknown);
    return out;
  } catch {
    return [body];
  }
}

/** A stable key, so the same instruction read twice is obeyed once. */
export function instructionKey(instruction: ReadInstruction): string {
  switch (instruction.kind) {
    case 'send_mail':
      return `mail:${instruction.to.toLowerCase()}`;
    case 'open_url':
      return `url:${instruction.url}`;
    case 'run_command':
      return `cmd:${instruction.command}`;
    case 'schedule':
      return `task:${instruction.at}:${instruction.prompt}`;
    default:
      return `${instruction.kind}:${instruction.target.toLowerCase()}`;
  }
}
