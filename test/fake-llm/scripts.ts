/**
 * A rule-based stand-in for the model, for the demo, the bench and e2e tests when no API key is
 * set: it finds entities with ha_find_entities, calls the matching HA service on the best result,
 * then sums up what the tools said. Same conversation in, same answer out.
 */
import {
  describeAttempt,
  describeDone,
  parseHomeIntent,
  serviceData,
  serviceFor,
  type HomeAction,
  type HomeIntent,
} from './home-intent.js';
import { lastUserText, offeredTools, turnToolCalls, type TurnToolCall } from './request-view.js';
import type { FakeReply, FakeRequestBody, RecordedRequest } from './types.js';

/** An entity as found in a tool result. */
export interface FoundEntity {
  entity_id: string;
  name: string;
  state?: string;
  unit?: string;
}

export const GREETING = 'Hello! I can control your lights, covers, locks and more. Try "turn on the kitchen light".';

const ENTITY_ID = /^[a-z_]+\.[a-z0-9_]+$/;
const ENTITY_ID_IN_TEXT = /\b(?:light|switch|cover|lock|fan|climate|media_player|vacuum|valve|sensor|binary_sensor|scene|script|input_boolean)\.[a-z0-9_]+\b/g;

function say(text: string): FakeReply {
  return { content: [{ type: 'text', text }] };
}

function use(name: string, input: unknown): FakeReply {
  return { content: [{ type: 'tool_use', name, input }] };
}

function parseLoose(text: string): unknown {
  const body = text.replace(/<\/?untrusted_content>/g, '').trim();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function toEntity(obj: Record<string, unknown>, entityId: string): FoundEntity {
  const attributes = (typeof obj['attributes'] === 'object' && obj['attributes'] !== null ? obj['attributes'] : {}) as Record<string, unknown>;
  const name = str(obj['name']) ?? str(obj['friendly_name']) ?? str(attributes['friendly_name']) ?? entityId;
  const state = str(obj['state']);
  const unit = str(obj['unit']) ?? str(obj['unit_of_measurement']) ?? str(attributes['unit_of_measurement']);
  return { entity_id: entityId, name, ...(state !== undefined ? { state } : {}), ...(unit ? { unit } : {}) };
}

/** Entities in a tool result, in the order the tool ranked them; tolerant of the result's exact shape. */
export function extractEntities(text: string): FoundEntity[] {
  const found = new Map<string, FoundEntity>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    const id = obj['entity_id'];
    if (typeof id === 'string' && ENTITY_ID.test(id)) {
      if (!found.has(id)) found.set(id, toEntity(obj, id));
      return;
    }
    Object.values(obj).forEach(visit);
  };
  const parsed = parseLoose(text);
  if (parsed !== undefined) visit(parsed);
  else for (const id of text.match(ENTITY_ID_IN_TEXT) ?? []) if (!found.has(id)) found.set(id, { entity_id: id, name: id });
  return [...found.values()];
}

/** The error message of a failed tool result. */
export function errorOf(text: string): string {
  const parsed = parseLoose(text) as { error?: unknown; message?: unknown } | undefined;
  const message = str(parsed?.error) ?? str(parsed?.message) ?? text.trim();
  return message.length > 200 ? `${message.slice(0, 197)}...` : message;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

function domainOf(entity: FoundEntity): string {
  return entity.entity_id.split('.')[0] ?? '';
}

function stateSentence(entity: FoundEntity): string {
  return `${entity.name} is ${entity.state ?? 'unknown'}${entity.unit ? ` ${entity.unit}` : ''}.`;
}

function findInput(intent: HomeIntent): Record<string, unknown> {
  return { ...(intent.query ? { query: intent.query } : {}), ...(intent.domain ? { domain: intent.domain } : {}), limit: 5 };
}

function afterFind(find: TurnToolCall, intent: HomeIntent, tools: Set<string>): FakeReply {
  if (!find.result || find.result.isError) return say(`I couldn't search your home: ${errorOf(find.result?.text ?? '')}`);
  const found = extractEntities(find.result.text);
  const first = found[0];
  if (!first) return say(`I couldn't find anything matching "${intent.query || intent.domain || ''}".`);
  const action = intent.action;
  if (!action) {
    if (first.state !== undefined) return say(stateSentence(first));
    return tools.has('ha_get_state') ? use('ha_get_state', { entity_id: first.entity_id }) : say(`I found ${first.name} but cannot read its state.`);
  }
  const able = found.filter((e) => serviceFor(domainOf(e), action) !== undefined);
  const best = able[0];
  if (!best) return say(`I found ${first.name}, but I can't ${describeAttempt(action, 'it')}.`);
  if (!tools.has('ha_call_service')) return say(`I found ${best.name}, but I am not allowed to control devices.`);
  const domain = domainOf(best);
  const targets = intent.all ? able.filter((e) => domainOf(e) === domain) : [best];
  const ids = targets.map((e) => e.entity_id);
  const data = serviceData(domain, intent);
  return use('ha_call_service', {
    domain,
    service: serviceFor(domain, action),
    target: { entity_id: ids.length === 1 ? ids[0] : ids },
    ...(data ? { data } : {}),
  });
}

function targetNames(call: TurnToolCall, calls: TurnToolCall[]): string {
  const target = (call.input as { target?: { entity_id?: string | string[] } } | undefined)?.target?.entity_id;
  const ids = Array.isArray(target) ? target : target ? [target] : [];
  const known = new Map(calls.filter((c) => c.name === 'ha_find_entities').flatMap((c) => extractEntities(c.result?.text ?? '')).map((e) => [e.entity_id, e.name]));
  return joinNames(ids.map((id) => known.get(id) ?? id));
}

function afterService(call: TurnToolCall, action: HomeAction, intent: HomeIntent, calls: TurnToolCall[]): FakeReply {
  const names = targetNames(call, calls);
  if (!call.result || call.result.isError) return say(`I couldn't ${describeAttempt(action, names)}: ${errorOf(call.result?.text ?? '')}`);
  return say(`Done: I ${describeDone(action, names, intent.level)}.`);
}

function afterState(get: TurnToolCall): FakeReply {
  if (!get.result || get.result.isError) return say(`I couldn't read that: ${errorOf(get.result?.text ?? '')}`);
  const entity = extractEntities(get.result.text)[0];
  return say(entity ? stateSentence(entity) : `Here is what Home Assistant says: ${get.result.text.slice(0, 200)}`);
}

/** The next step of a plausible home agent for this conversation. */
export function respondAsHomeAgent(body: FakeRequestBody): FakeReply {
  const intent = parseHomeIntent(lastUserText(body));
  if (!intent) return say(GREETING);
  const tools = offeredTools(body);
  if (!tools.has('ha_find_entities')) return say("I can't reach your home's devices right now.");
  const calls = turnToolCalls(body);
  const last = calls.at(-1);
  if (!last) return use('ha_find_entities', findInput(intent));
  if (last.name === 'ha_find_entities') return afterFind(last, intent, tools);
  if (last.name === 'ha_call_service' && intent.action) return afterService(last, intent.action, intent, calls);
  if (last.name === 'ha_get_state') return afterState(last);
  return say(last.result?.isError ? `That did not work: ${errorOf(last.result.text)}` : 'Done.');
}

/** A FakeTurn playing a home agent; use it as the fake server's `fallback`. */
export function createHomeAssistantResponder(): (req: RecordedRequest) => FakeReply {
  return (req) => respondAsHomeAgent(req.body);
}
