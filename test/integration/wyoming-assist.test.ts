/**
 * The Assist channel end to end: a Wyoming client written from the protocol talks to the real
 * server, which runs turns through the fake model and the HA simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFastHomeResponder } from '../fake-llm/fast-home.js';
import { lastUserText, turnToolCalls } from '../fake-llm/index.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { sendTranscript, WyomingClient } from '../support/wyoming-client.js';

function wyomingPort(stack: Stack): number {
  const port = stack.majordome.wyomingPort;
  if (port === undefined) throw new Error('the Wyoming server is not listening');
  return port;
}

/** The model turns the light named in the request on, then confirms with a little markdown. */
function lightScript(entityId: string) {
  return [
    { content: [{ type: 'tool_use' as const, name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: entityId } } }] },
    (req: RecordedRequest) => {
      const failed = turnToolCalls(req.body).at(-1)?.result?.isError ?? true;
      return { content: [{ type: 'text' as const, text: failed ? 'That failed.' : '**Done.** The light is:\n- on\n- bright' }] };
    },
  ];
}

describe('Assist through Wyoming', () => {
  let stack: Stack;
  let port: number;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), overrides: { voiceApprovalWaitMs: 50 } });
    port = wyomingPort(stack);
  });
  afterAll(async () => stack?.stop());

  it('answers describe with one installed handle program, real languages and no satellite, without asking the model', async () => {
    const before = stack.llm.requests.length;
    const client = await WyomingClient.connect(port);
    client.send('describe');
    const info = await client.read();
    client.destroy();
    expect(info.type).toBe('info');
    expect(info.data).not.toHaveProperty('satellite');
    const handle = info.data['handle'] as Array<Record<string, unknown>>;
    expect(handle).toHaveLength(1);
    expect(handle[0]).toMatchObject({ name: 'Majordome', installed: true, supports_home_control: true, attribution: { name: 'Majordome' } });
    const models = handle[0]?.['models'] as Array<{ installed: boolean; languages: string[] }>;
    expect(models[0]?.installed).toBe(true);
    expect(models[0]?.languages).toEqual(expect.arrayContaining(['en', 'fr']));
    expect(stack.llm.requests.length).toBe(before);
  });

  it('turns a transcript in data_length form into a handled answer, and the light is really on', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.llm.enqueue(...lightScript('light.kitchen_light'));
    const answer = await sendTranscript(port, { text: 'turn on the kitchen light', language: 'en', context: { conversation_id: '01JASSISTKITCHEN' } });
    expect(answer).toMatchObject({ type: 'handled', data: { text: 'Done. The light is: on and bright.' } });
    expect(stack.sim.getState('light.kitchen_light')?.state).toBe('on');
    expect(stack.sim.serviceCalls.at(-1)).toMatchObject({ domain: 'light', service: 'turn_on' });
  });

  it('a plain command with the fast stand-in: one model call, the verified reply is the spoken answer', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    const before = stack.llm.requests.length;
    stack.llm.enqueue(createFastHomeResponder());
    const answer = await sendTranscript(port, { text: 'turn on the kitchen light', language: 'en' });
    expect(stack.llm.requests.length - before).toBe(1);
    expect(answer).toMatchObject({ type: 'handled', data: { text: 'Done: I turned on Kitchen Light.' } });
    expect(stack.sim.getState('light.kitchen_light')?.state).toBe('on');
  });

  it('a light that never changes: the spoken answer says so, never the reply', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.sim.setDeviceBehaviour('light.kitchen_light', 'stuck');
    try {
      stack.llm.enqueue(createFastHomeResponder(), createFastHomeResponder());
      const answer = await sendTranscript(port, { text: 'turn on the kitchen light', language: 'en' });
      expect(String(answer.data['text'])).not.toContain('Done: I turned on');
      expect(String(answer.data['text'])).toContain('no change observed');
    } finally {
      stack.sim.setDeviceBehaviour('light.kitchen_light', 'normal');
    }
  });

  it('accepts data inline in the header too', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello from Majordome.' }] });
    expect(await sendTranscript(port, { text: 'hello' }, 'inline')).toMatchObject({ type: 'handled', data: { text: 'Hello from Majordome.' } });
  });

  it('keeps the conversation of context.conversation_id and answers in the transcript language', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Noté : le mot est pélican.' }] });
    await sendTranscript(port, { text: 'le mot de passe est pélican', language: 'fr', context: { conversation_id: '01JASSISTMEMORY' } });
    stack.llm.enqueue((req) => ({ content: [{ type: 'text', text: JSON.stringify(req.body.messages).includes('pélican') ? 'Pélican.' : 'Oublié.' }] }));
    const answer = await sendTranscript(port, { text: 'quel est le mot ?', language: 'fr', context: { conversation_id: '01JASSISTMEMORY' } });
    expect(answer.data['text']).toBe('Pélican.');
    const system = stack.llm.requests.at(-1)?.body.system as Array<{ text: string }>;
    expect(system[0]?.text).toMatch(/Tu es Majordome/);
  });

  it('answers not-handled, in words, when the model fails', async () => {
    stack.llm.enqueue({ error: { status: 400, type: 'invalid_request_error', message: 'prompt is too long' } });
    const answer = await sendTranscript(port, { text: 'tell me everything' });
    expect(answer.type).toBe('not-handled');
    expect(String(answer.data['text'])).not.toBe('');
  });

  it('says an approval is pending instead of keeping the voice pipeline waiting', async () => {
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.smart_lock' } } }] });
    const answer = await sendTranscript(port, { text: 'unlock the smart lock', context: { conversation_id: '01JASSISTLOCK' } });
    expect(answer).toMatchObject({ type: 'handled', data: { text: "That needs your approval first: approve it in Majordome, in Home Assistant's sidebar." } });
    expect(stack.sim.getState('lock.smart_lock')?.state).not.toBe('unlocked');
    const pending = (await (
      await fetch(`${stack.url}/api/approvals?status=pending`, { headers: { 'x-remote-user-id': 'user-admin', 'x-remote-user-name': 'alice' } })
    ).json()) as { approvals?: Array<{ tool: string }> } | Array<{ tool: string }>;
    const list = Array.isArray(pending) ? pending : (pending.approvals ?? []);
    expect(list.map((a) => a.tool)).toContain('ha_call_service');
  });

  it('answers 20 clients at once, each with its own answer', async () => {
    const turns = Array.from({ length: 20 }, () => (req: RecordedRequest) => ({
      content: [{ type: 'text' as const, text: `You said ${lastUserText(req.body).replace(/^say /, '')}.` }],
    }));
    stack.llm.enqueue(...turns);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => sendTranscript(port, { text: `say number ${i}` })));
    expect(answers.map((a) => a.type)).toEqual(Array(20).fill('handled'));
    expect(answers.map((a) => a.data['text'])).toEqual(Array.from({ length: 20 }, (_, i) => `You said number ${i}.`));
  });
});

describe('a broken Wyoming client never harms the server', () => {
  let stack: Stack;
  let port: number;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us') });
    port = wyomingPort(stack);
  });
  afterAll(async () => stack?.stop());

  it('skips a garbage line and answers the next event on the same connection', async () => {
    const client = await WyomingClient.connect(port);
    client.sendRaw('this is not json\n{"type": 42}\n');
    client.send('describe');
    expect((await client.read()).type).toBe('info');
    client.send('ping', { text: 'still there?' });
    expect(await client.read()).toMatchObject({ type: 'pong', data: { text: 'still there?' } });
    client.destroy();
  });

  it('serves others while a client sits on a half-sent frame, then finishes that frame', async () => {
    const slow = await WyomingClient.connect(port);
    const block = Buffer.from(JSON.stringify({ text: 'slow hello' }));
    const frame = Buffer.concat([Buffer.from(`${JSON.stringify({ type: 'transcript', data_length: block.length })}\n`), block]);
    slow.sendRaw(frame.subarray(0, frame.length - 5));

    stack.llm.enqueue({ content: [{ type: 'text', text: 'Quick answer.' }] });
    expect(await sendTranscript(port, { text: 'quick hello' })).toMatchObject({ type: 'handled', data: { text: 'Quick answer.' } });

    stack.llm.enqueue({ content: [{ type: 'text', text: 'Slow answer.' }] });
    slow.sendRaw(frame.subarray(frame.length - 5));
    expect(await slow.read()).toMatchObject({ type: 'handled', data: { text: 'Slow answer.' } });
    slow.destroy();
  });

  it('forgets a client that hangs up mid-frame', async () => {
    const quitter = await WyomingClient.connect(port);
    quitter.sendRaw('{"type":"transcript","data_length":500}\n{"text":');
    quitter.destroy();
    const client = await WyomingClient.connect(port);
    client.send('describe');
    expect((await client.read()).type).toBe('info');
    client.destroy();
  });

  it('closes a connection that announces an oversized frame, with an error event', async () => {
    const client = await WyomingClient.connect(port);
    client.sendRaw(`${JSON.stringify({ type: 'transcript', data_length: 50 * 1024 * 1024 })}\n`);
    expect(await client.read()).toMatchObject({ type: 'error', data: { code: 'frame-too-large' } });
    await client.closed;
    const other = await WyomingClient.connect(port);
    other.send('describe');
    expect((await other.read()).type).toBe('info');
    other.destroy();
  });

  it('still answers a client that closes its side right after the transcript', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Half-closed answer.' }] });
    const client = await WyomingClient.connect(port);
    client.send('transcript', { text: 'hello' });
    client.end();
    expect(await client.read()).toMatchObject({ type: 'handled', data: { text: 'Half-closed answer.' } });
    await client.closed;
  });

  it('answers not-handled to a transcript without words', async () => {
    expect(await sendTranscript(port, { text: '  ' })).toMatchObject({ type: 'not-handled', data: { text: "Sorry, I didn't catch that." } });
  });
});
