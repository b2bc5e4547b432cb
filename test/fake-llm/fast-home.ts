/**
 * A model stand-in that uses what Majordome gives it, as a capable model would: when the request
 * lists the entity the user means among its likely entities, it calls the service at once;
 * otherwise it searches first, like the scripted home agent. Every service call carries `reply`,
 * the sentence to say when it works. After a result it did not get to skip, it says what the
 * result shows, naming what did not change.
 */
import { describeAttempt, describeDone, parseHomeIntent, serviceData, serviceFor, type HomeIntent } from './home-intent.js';
import { lastUserText, turnToolCalls, type TurnToolCall } from './request-view.js';
import { errorOf, extractEntities, respondAsHomeAgent, type FoundEntity } from './scripts.js';
import type { FakeReply, FakeRequestBody, RecordedRequest } from './types.js';

/** An entity the request listed as likely for the user's words. */
export interface ListedEntity {
  entity_id: string;
  name: string;
  area?: string;
  state?: string;
}

const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

function systemText(body: FakeRequestBody): string {
  if (typeof body.system === 'string') return body.system;
  return (body.system ?? []).map((block) => block.text ?? '').join('\n');
}

/** The likely entities the request carries (the "Likely entities" lines of the per-turn prompt). */
export function listedEntities(body: FakeRequestBody): ListedEntity[] {
  const text = systemText(body);
  const start = text.indexOf('Likely entities for these words');
  if (start < 0) return [];
  return text
    .slice(start)
    .split('\n')
    .slice(1)
    .filter((line) => line.startsWith('- '))
    .map((line) => {
      const [entity_id = '', name = '', area = '', state = ''] = line.slice(2).split(' | ');
      return { entity_id, name, ...(area && { area }), ...(state && { state }) };
    });
}

const domainOf = (entityId: string): string => entityId.split('.', 1)[0] ?? '';

/** The listed entity the words plainly mean: the best ranked one of the named kind that can do the action. */
function plainlyMeant(intent: HomeIntent, listed: readonly ListedEntity[]): ListedEntity | undefined {
  const action = intent.action;
  return listed.find((e) => (!intent.domain || domainOf(e.entity_id) === intent.domain) && (!action || serviceFor(domainOf(e.entity_id), action) !== undefined));
}

function serviceCall(intent: HomeIntent, entities: readonly { entity_id: string; name: string }[]): FakeReply | undefined {
  const first = entities[0];
  if (!first || !intent.action) return undefined;
  const domain = domainOf(first.entity_id);
  const service = serviceFor(domain, intent.action);
  if (!service) return undefined;
  const ids = entities.map((e) => e.entity_id);
  const data = serviceData(domain, intent);
  const names = entities.map((e) => e.name).join(' and ');
  return {
    content: [
      {
        type: 'tool_use',
        name: 'ha_call_service',
        input: {
          domain,
          service,
          target: { entity_id: ids.length === 1 ? ids[0] : ids },
          ...(data && { data }),
          reply: `Done: I ${describeDone(intent.action, names, intent.level)}.`,
        },
      },
    ],
  };
}

/** What a service result shows, in the stand-in's words: what did not change comes first. */
function afterCall(call: TurnToolCall, intent: HomeIntent): FakeReply {
  const names = (extractEntities(call.result?.text ?? '') as FoundEntity[]).map((e) => e.name).join(' and ') || 'it';
  if (!call.result || call.result.isError) return say(`I couldn't ${describeAttempt(intent.action ?? 'turn_on', names)}: ${errorOf(call.result?.text ?? '')}`);
  const parsed = JSON.parse(call.result.text.replace(/<\/?untrusted_content>/g, '')) as { no_change_observed?: string[]; outcome?: string };
  if (parsed.no_change_observed?.length) return say(`Home Assistant accepted it, but shows no change: ${parsed.outcome ?? parsed.no_change_observed.join(', ')}.`);
  return say(`Done: ${parsed.outcome ?? 'Home Assistant shows the change'}.`);
}

/** The next step of the stand-in for this conversation. */
export function respondAsFastHomeAgent(body: FakeRequestBody): FakeReply {
  const intent = parseHomeIntent(lastUserText(body));
  const calls = turnToolCalls(body);
  if (!intent) return respondAsHomeAgent(body);
  const last = calls.at(-1);
  if (!last) {
    const meant = plainlyMeant(intent, listedEntities(body));
    if (meant && !intent.action && meant.state !== undefined) return say(`${meant.name} is ${meant.state}.`);
    // "all the fans": every listed entity of that kind, in one call.
    const all = intent.all && meant ? listedEntities(body).filter((e) => domainOf(e.entity_id) === domainOf(meant.entity_id)) : undefined;
    const direct = meant ? serviceCall(intent, all ?? [meant]) : undefined;
    if (direct) return direct;
  }
  if (last?.name === 'ha_call_service') return afterCall(last, intent);
  // Searching first, as the scripted agent does; its service call gets a reply too.
  const step = respondAsHomeAgent(body);
  const use = step.content.find((b) => b.type === 'tool_use' && b.name === 'ha_call_service');
  if (use?.type !== 'tool_use' || !last || last.name !== 'ha_find_entities') return step;
  const input = use.input as { target?: { entity_id?: string | string[] } };
  const ids = [input.target?.entity_id ?? []].flat();
  const found = new Map(extractEntities(last.result?.text ?? '').map((e) => [e.entity_id, e.name]));
  return serviceCall(intent, ids.map((id) => ({ entity_id: id, name: found.get(id) ?? id }))) ?? step;
}

/** A FakeTurn playing the stand-in; use it as the fake server's `fallback` or enqueue it. */
export function createFastHomeResponder(): (req: RecordedRequest) => FakeReply {
  return (req) => respondAsFastHomeAgent(req.body);
}
