/**
 * Writing automations with the person, end to end through POST /api/chat (real server, HA
 * simulator, fake model through the real SDK): a creation asks with the YAML, an edit asks with the
 * difference, an invalid config is refused with HA's reason before anyone is asked and nothing is
 * saved, a delete asks and keeps the config, a kept version is restored (an approved save), and
 * every step is in the audit log. In add-on mode, through the Supervisor's /core proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { turnToolCalls, type FakeReply, type RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

type Approval = Extract<ChatEvent, { type: 'approval_required' }>;

async function turn(url: string, message: string, decide: (a: Approval) => 'approve' | 'deny' | undefined = () => 'approve'): Promise<ChatEvent[]> {
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ message }) });
  if (!res.ok || !res.body) throw new Error(`chat answered ${res.status}`);
  const events: ChatEvent[] = [];
  const decisions: Array<Promise<Response>> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      for (const line of buffer.slice(0, end).split('\n')) {
        if (!line.startsWith('data:')) continue;
        const event = JSON.parse(line.slice(5).trim()) as ChatEvent;
        events.push(event);
        const decision = event.type === 'approval_required' ? decide(event) : undefined;
        if (event.type === 'approval_required' && decision) {
          decisions.push(
            fetch(`${url}/api/approvals/${event.approval_id}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
              body: JSON.stringify({ decision }),
            }),
          );
        }
      }
      buffer = buffer.slice(end + 2);
    }
  }
  await Promise.all(decisions);
  return events;
}

const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });
const echo = (req: RecordedRequest): FakeReply => {
  const result = turnToolCalls(req.body).at(-1)?.result;
  return { content: [{ type: 'text', text: `${result?.isError ? 'FAILED' : 'OK'}: ${result?.text ?? ''}` }] };
};
const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
const doneText = (events: ChatEvent[]): string => ofType(events, 'done')[0]?.text ?? '';

const porch = {
  alias: 'Porch light at sunset',
  description: 'Weekdays only',
  triggers: [{ trigger: 'sun', event: 'sunset' }],
  conditions: [{ condition: 'time', weekday: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
  actions: [{ action: 'light.turn_on', target: { entity_id: 'light.garage' } }],
  mode: 'single',
};

describe('writing automations with the person', () => {
  let stack: Stack;
  let id = '';

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), addon: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates an automation after a yes on its YAML, and reports its entity and state', async () => {
    stack.llm.enqueue(use('ha_save_automation', { config: porch }), echo);
    const events = await turn(stack.url, 'make an automation that turns the porch light on at sunset on weekdays');
    const [approval] = ofType(events, 'approval_required');
    expect(approval?.tool).toBe('ha_save_automation');
    expect(approval?.summary).toBe(
      [
        'Create the automation "Porch light at sunset":',
        'alias: Porch light at sunset',
        'description: Weekdays only',
        'triggers:',
        '  - trigger: sun',
        '    event: sunset',
        'conditions:',
        '  - condition: time',
        '    weekday:',
        '      - mon',
        '      - tue',
        '      - wed',
        '      - thu',
        '      - fri',
        'actions:',
        '  - action: light.turn_on',
        '    target:',
        '      entity_id: light.garage',
        'mode: single',
      ].join('\n'),
    );
    const result = JSON.parse(doneText(events).replace(/^OK: /, '')) as { id: string; entity_id: string; state: string };
    expect(result).toMatchObject({ entity_id: 'automation.porch_light_at_sunset', state: 'on', previous_version: null });
    id = result.id;
    expect(id).toMatch(/^\d{13}$/);
    expect(stack.sim.savedConfig('automation', id)).toEqual({ id, ...porch });
  });

  it('asks for an edit with the old and new lines, and keeps the previous version', async () => {
    const later = { ...porch, triggers: [{ trigger: 'sun', event: 'sunset', offset: '00:30:00' }] };
    stack.llm.enqueue(use('ha_save_automation', { id, config: later }), echo);
    const events = await turn(stack.url, 'make the porch automation half an hour later');
    const summary = ofType(events, 'approval_required')[0]?.summary ?? '';
    expect(summary.split('\n').slice(0, 3)).toEqual([`Change the automation "Porch light at sunset" (id ${id}):`, '--- before', '+++ after']);
    expect(summary).toContain('\n     event: sunset\n+    offset: 00:30:00\n');
    expect(doneText(events)).toContain('"previous_version":2');
    expect(stack.sim.savedConfig('automation', id)).toEqual({ id, ...later });
  });

  it("refuses an invalid automation with HA's reason, asks nobody and saves nothing", async () => {
    const broken = { ...porch, alias: 'Moonrise', triggers: [{ trigger: 'moon', event: 'rise' }] };
    stack.llm.enqueue(use('ha_save_automation', { config: broken }), echo);
    const events = await turn(stack.url, 'make an automation that turns the light on at moonrise');
    expect(ofType(events, 'approval_required')).toEqual([]);
    expect(doneText(events)).toContain("Home Assistant says the triggers is invalid: Invalid trigger 'moon' specified");
    expect(stack.sim.getState('automation.moonrise')).toBeUndefined();
  });

  it('refuses an action HA does not have, before anyone is asked', async () => {
    const broken = { ...porch, alias: 'Nope', actions: [{ action: 'light.explode', target: { entity_id: 'light.garage' } }] };
    stack.llm.enqueue(use('ha_save_automation', { config: broken }), echo);
    const events = await turn(stack.url, 'make an automation that makes the light explode');
    expect(ofType(events, 'approval_required')).toEqual([]);
    expect(doneText(events)).toContain('Home Assistant has no action light.explode.');
  });

  it('warns first about a lock and a notification, so a cut text still warns', async () => {
    const risky = { ...porch, alias: 'Open at sunset', actions: [{ action: 'lock.unlock', target: { entity_id: 'lock.front_door' } }, { action: 'notify.mobile_app_my_phone', data: { message: 'opened' } }] };
    stack.llm.enqueue(use('ha_save_automation', { config: risky }), echo);
    const events = await turn(stack.url, 'make an automation that unlocks the door at sunset', () => 'deny');
    const summary = ofType(events, 'approval_required')[0]?.summary ?? '';
    expect(summary.split('\n').slice(0, 2)).toEqual([
      'Careful: it acts on a lock, an alarm panel, a garage door or a gate (lock.front_door), later, with nobody asked.',
      'Careful: it reaches outside the home (notify.mobile_app_my_phone).',
    ]);
    expect(doneText(events)).toMatch(/^FAILED: .*Denied by Alice/);
    expect(stack.sim.getState('automation.open_at_sunset')).toBeUndefined();
  });

  it('restores a kept version ("undo that") as an approved save showing the difference', async () => {
    stack.llm.enqueue(use('ha_restore_automation', { id, version: 2 }), echo);
    const events = await turn(stack.url, 'undo that change to the porch automation');
    const summary = ofType(events, 'approval_required')[0]?.summary ?? '';
    expect(summary).toMatch(new RegExp(`^Restore the automation "Porch light at sunset" \\(id ${id}\\) to version 2, as it was before the change of .*:\\n--- before\\n\\+\\+\\+ after`));
    expect(summary).toContain('\n-    offset: 00:30:00\n');
    expect(ofType(events, 'tool_result')[0]?.ok).toBe(true);
    expect(stack.sim.savedConfig('automation', id)).toEqual({ id, ...porch });
  });

  it("lists the kept versions for the panel and restores one from there, asked for like any save", async () => {
    const headers = { 'content-type': 'application/json', ...TEST_USER_HEADERS };
    const listed = (await (await fetch(`${stack.url}/api/config-versions`, { headers })).json()) as { items: Array<{ itemId: string; version: number; change: string }> };
    expect(listed.items.filter((v) => v.itemId === id).map((v) => `${v.version} ${v.change}`)).toEqual(['1 created', '2 edited', '3 restored']);
    // Version 3 is the edit with the half-hour offset, as it was before the restore.
    const started = await fetch(`${stack.url}/api/config-versions/automation/${id}/restore`, { method: 'POST', headers, body: JSON.stringify({ version: 3 }) });
    expect(started.status).toBe(202);
    const pending = await until(async () => {
      const body = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers })).json()) as { approvals: Array<{ id: string; tool: string; summary: string }> };
      return body.approvals.find((a) => a.tool === 'ha_restore_automation');
    }, 'the restore approval');
    expect(pending.summary).toContain('\n+    offset: 00:30:00\n');
    expect(stack.sim.savedConfig('automation', id)).toEqual({ id, ...porch });
    await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers, body: JSON.stringify({ decision: 'approve' }) });
    await until(() => stack.sim.savedConfig('automation', id)?.['triggers'] !== porch.triggers && JSON.stringify(stack.sim.savedConfig('automation', id)).includes('00:30:00'), 'the restored version');
  });

  it('deletes after a yes on what goes, keeping it as a version; every step is audited', async () => {
    stack.llm.enqueue(use('ha_delete_automation', { id }), echo);
    const events = await turn(stack.url, 'delete the porch automation');
    expect(ofType(events, 'approval_required')[0]?.summary).toMatch(new RegExp(`^Delete the automation "Porch light at sunset" \\(id ${id}\\):\\nalias: Porch light at sunset\\n`));
    expect(doneText(events)).toContain('"deleted":true');
    expect(stack.sim.savedConfig('automation', id)).toBeUndefined();
    const audit = (await (await fetch(`${stack.url}/api/audit?limit=100`, { headers: TEST_USER_HEADERS })).json()) as { entries: Array<{ tool?: string; decision?: string; outcome?: string; kind: string }> };
    const calls = audit.entries.filter((e) => e.kind === 'tool_call' && e.tool?.startsWith('ha_')).map((e) => `${e.tool} ${e.decision} ${e.outcome}`);
    expect(calls.reverse()).toEqual([
      'ha_save_automation approved by Alice ok',
      'ha_save_automation approved by Alice ok',
      'ha_save_automation invalid error',
      'ha_save_automation invalid error',
      'ha_save_automation deny error',
      'ha_restore_automation approved by Alice ok',
      'ha_restore_automation approved by Alice ok',
      'ha_delete_automation approved by Alice ok',
    ]);
  });

  it('saves a script under a slug of its alias, and no approval of a change can become an "Always allow" rule', async () => {
    const wake = { alias: 'Wake up', sequence: [{ action: 'light.turn_on', target: { entity_id: 'light.garage' } }], mode: 'single' };
    stack.llm.enqueue(use('ha_save_script', { config: wake }), echo);
    const headers = { 'content-type': 'application/json', ...TEST_USER_HEADERS };
    const asked = turn(stack.url, 'make a wake up script', () => undefined);
    const pending = await until(async () => {
      const body = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers })).json()) as { approvals: Array<{ id: string; tool: string; summary: string }> };
      return body.approvals.find((a) => a.tool === 'ha_save_script');
    }, 'the script approval');
    expect(pending.summary).toMatch(/^Create the script "Wake up":\nalias: Wake up\nsequence:/);
    const always = await fetch(`${stack.url}/api/rules`, { method: 'POST', headers, body: JSON.stringify({ approval_id: pending.id }) });
    expect(always.status).toBe(422);
    expect(((await always.json()) as { error: string }).error).toContain('acts later with nobody asked');
    await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers, body: JSON.stringify({ decision: 'deny' }) });
    await asked;
    stack.llm.enqueue(use('ha_save_script', { config: wake }), echo);
    const saved = await turn(stack.url, 'make a wake up script');
    expect(doneText(saved)).toContain('"id":"wake_up","entity_id":"script.wake_up","state":"off"');
    expect(stack.sim.savedConfig('script', 'wake_up')).toEqual(wake);
  });

  it('refuses an approved edit when HA\'s config changed since it was shown: what was approved is what happens', async () => {
    const headers = { 'content-type': 'application/json', ...TEST_USER_HEADERS };
    const first = { alias: 'Hall', triggers: [{ trigger: 'sun', event: 'sunrise' }], actions: [{ action: 'light.turn_off', target: { entity_id: 'light.garage' } }] };
    await fetch(`${stack.sim.url}/api/config/automation/config/hall`, { method: 'POST', headers: { authorization: `Bearer ${stack.sim.adminToken}` }, body: JSON.stringify(first) });
    stack.llm.enqueue(use('ha_save_automation', { id: 'hall', config: { ...first, mode: 'restart' } }), echo);
    const asked = turn(stack.url, 'restart the hall automation each time', () => undefined);
    const pending = await until(async () => {
      const body = (await (await fetch(`${stack.url}/api/approvals?status=pending`, { headers })).json()) as { approvals: Array<{ id: string; tool: string }> };
      return body.approvals.find((a) => a.tool === 'ha_save_automation');
    }, 'the edit approval');
    // Someone edits it in HA's own editor meanwhile.
    const other = { ...first, actions: [{ action: 'lock.unlock', target: { entity_id: 'lock.front_door' } }] };
    await fetch(`${stack.sim.url}/api/config/automation/config/hall`, { method: 'POST', headers: { authorization: `Bearer ${stack.sim.adminToken}` }, body: JSON.stringify(other) });
    await fetch(`${stack.url}/api/approvals/${pending.id}`, { method: 'POST', headers, body: JSON.stringify({ decision: 'approve' }) });
    expect(doneText(await asked)).toContain('changed in Home Assistant since this was asked; nothing was done');
    expect(stack.sim.savedConfig('automation', 'hall')).toEqual({ id: 'hall', ...other });
  });
});
