/**
 * Many people chatting at once against a Majordome server (issue 22): each user turns their own
 * light on and off, turn after turn, in one conversation, while a hook may cut HA's connection
 * in the middle. Used by the load test and by `npm run bench -- --only=load`. Loopback only.
 */
import type { SimHome, SimUser } from '../ha-sim/index.js';
import { lastUserText, turnToolCalls } from '../fake-llm/request-view.js';
import type { FakeOutcome, RecordedRequest } from '../fake-llm/types.js';

/** One person of the load, with the light only they act on. */
export interface LoadUser {
  user: SimUser;
  entityId: string;
}

/** What one turn did, as the person saw it. */
export interface LoadTurn {
  userId: string;
  /** From sending the message to the end of the answer's stream. */
  ms: number;
  ok: boolean;
  /** Why the turn failed, in a few words. */
  problem?: string;
}

/** Options of runChatLoad. */
export interface ChatLoadOptions {
  url: string;
  users: readonly LoadUser[];
  turnsPerUser: number;
  /** Called after each finished turn with how many are finished (cut HA's connection half way). */
  onTurnDone?(finished: number): void;
}

const SAY = /^turn (on|off) ([a-z_]+\.[a-z0-9_]+)$/;

/** The fake model of the load: turns the named light on or off, asks again only when told the outcome is unknown, then says the result. */
export function loadModel(req: RecordedRequest): FakeOutcome {
  const match = SAY.exec(lastUserText(req.body).trim());
  if (!match) return { content: [{ type: 'text', text: 'I did not understand.' }] };
  const [, action, entityId] = match;
  const calls = turnToolCalls(req.body);
  const last = calls.at(-1)?.result;
  // A model that reads "may or may not have been carried out" and a state that is not the one asked asks once more.
  const unknown = last?.isError === true && last.text.includes('outcome_unknown') && calls.length < 3;
  if (!last || unknown) {
    const input = { domain: 'light', service: `turn_${action}`, target: { entity_id: entityId } };
    return { content: [{ type: 'tool_use', name: 'ha_call_service', input }] };
  }
  return { content: [{ type: 'text', text: `${entityId}: ${last.text}` }] };
}

/** `count` people (the last `nonAdmins` not admins) and one light each, from a home's lights. */
export function loadUsers(home: SimHome, count: number, nonAdmins: number): LoadUser[] {
  const hidden = new Set(home.entities.filter((e) => e.hidden_by || e.entity_category).map((e) => e.entity_id));
  const lights = home.states.map((s) => s.entity_id).filter((id) => id.startsWith('light.') && !hidden.has(id) && home.exposed?.[id] !== false);
  if (lights.length < count) throw new Error(`the home has ${lights.length} usable lights for ${count} users`);
  return Array.from({ length: count }, (_, i) => ({
    user: { id: `user-load-${i + 1}`, name: `Person ${i + 1}`, username: `person${i + 1}`, is_admin: i < count - nonAdmins },
    entityId: lights[i] as string,
  }));
}

/** The headers the Supervisor's ingress would add for this person. */
export function ingressHeaders(user: SimUser): Record<string, string> {
  return { 'x-remote-user-id': user.id, 'x-remote-user-name': user.username, 'x-remote-user-display-name': user.name };
}

type SseEvent = Record<string, unknown> & { type?: string };

async function sendTurn(url: string, user: SimUser, message: string, conversationId: string | undefined): Promise<SseEvent[]> {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ingressHeaders(user) },
    body: JSON.stringify({ message, ...(conversationId && { conversation_id: conversationId }) }),
  });
  if (!res.ok) return [{ type: 'error', message: `HTTP ${res.status}` }];
  return (await res.text())
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5).trim()) as SseEvent);
}

/** Why a turn's events do not show the light `entityId` ending `wanted`, or undefined when they do. */
export function turnProblem(events: readonly SseEvent[], entityId: string, wanted: 'on' | 'off', others: readonly string[]): string | undefined {
  const done = events.at(-1);
  if (done?.type !== 'done') return `ended with ${JSON.stringify(done)}`;
  const text = String(done.text);
  const leaked = others.find((id) => text.includes(id));
  if (leaked) return `answer names another user's ${leaked}`;
  const results = events.filter((e) => e.type === 'tool_result');
  if (results.at(-1)?.ok !== true) return `last call failed: ${String(results.at(-1)?.summary)}`;
  // The observed outcome: `off → on`, or `already on` when the light was on before the call.
  const says = text.includes(`→ ${wanted}`) || text.includes(`already ${wanted}`);
  return text.startsWith(`${entityId}:`) && says ? undefined : `answer does not say ${wanted}: ${text}`;
}

async function runUser(options: ChatLoadOptions, me: LoadUser, record: (turn: LoadTurn) => void): Promise<void> {
  const others = options.users.filter((u) => u !== me).map((u) => u.entityId);
  let conversationId: string | undefined;
  for (let i = 0; i < options.turnsPerUser; i++) {
    const wanted = i % 2 === 0 ? 'on' : 'off';
    const started = performance.now();
    const events = await sendTurn(options.url, me.user, `turn ${wanted} ${me.entityId}`, conversationId).catch((err: unknown): SseEvent[] => [
      { type: 'error', message: String(err) },
    ]);
    const ms = performance.now() - started;
    const done = events.at(-1);
    if (done?.type === 'done' && typeof done.conversation_id === 'string') conversationId = done.conversation_id;
    const problem = turnProblem(events, me.entityId, wanted, others);
    record({ userId: me.user.id, ms, ok: problem === undefined, ...(problem !== undefined && { problem }) });
  }
}

/** Runs every user's turns at once (each user's turns one after the other); resolves with every turn. */
export async function runChatLoad(options: ChatLoadOptions): Promise<LoadTurn[]> {
  const turns: LoadTurn[] = [];
  const record = (turn: LoadTurn): void => {
    turns.push(turn);
    options.onTurnDone?.(turns.length);
  };
  await Promise.all(options.users.map((me) => runUser(options, me, record)));
  return turns;
}
