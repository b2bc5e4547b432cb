/**
 * Two Majordome instances on one Home Assistant: a `majordome_request` naming an instance
 * (`instance`, matched against its `instance_name`) is answered by that instance only; one naming
 * none is answered by every instance, as before instances had names.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadIntentsHome, startHaSim, type HaSim } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';

describe('two instances on one HA', () => {
  let sim: HaSim;
  let upstairs: Stack;
  let downstairs: Stack;

  beforeAll(async () => {
    const home = loadIntentsHome();
    sim = await startHaSim({ home });
    upstairs = await startStack({ home, sim, options: { instance_name: 'upstairs' } });
    downstairs = await startStack({ home, sim, options: { instance_name: 'Downstairs' } });
  });
  afterAll(async () => {
    await upstairs?.stop();
    await downstairs?.stop();
    await sim?.stop();
  });

  async function fire(data: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${sim.url}/api/events/majordome_request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(data),
    });
    expect(res.status).toBe(200);
  }

  function responsesTo(requestId: string): Array<Record<string, unknown>> {
    return sim.firedEvents
      .filter((e) => e.event_type === 'majordome_response')
      .map((e) => e.event_data as Record<string, unknown>)
      .filter((d) => d['request_id'] === requestId);
  }

  async function answered(requestId: string, count: number): Promise<Array<Record<string, unknown>>> {
    await vi.waitFor(() => expect(responsesTo(requestId).length).toBeGreaterThanOrEqual(count), { timeout: 5000 });
    return responsesTo(requestId);
  }

  it('a request naming an instance is answered by that instance only', async () => {
    const before = { up: upstairs.llm.requests.length, down: downstairs.llm.requests.length };
    upstairs.llm.enqueue({ content: [{ type: 'text', text: 'Upstairs here.' }] });
    downstairs.llm.enqueue({ content: [{ type: 'text', text: 'Downstairs here.' }] });
    await fire({ text: 'who answers?', request_id: 'named-1', instance: 'Upstairs' });
    // Then one for the other instance: once it is answered, that instance has read (and let go) the first.
    await fire({ text: 'and now?', request_id: 'sentinel-1', instance: 'downstairs' });
    await answered('sentinel-1', 1);
    const named = await answered('named-1', 1);
    expect(named).toEqual([expect.objectContaining({ ok: true, text: 'Upstairs here.', instance: 'upstairs' })]);
    expect(responsesTo('sentinel-1')).toEqual([expect.objectContaining({ ok: true, text: 'Downstairs here.', instance: 'Downstairs' })]);
    expect(upstairs.llm.requests.length - before.up).toBe(1);
    expect(downstairs.llm.requests.length - before.down).toBe(1);
  });

  it('a request naming no instance is answered by every instance, as before', async () => {
    upstairs.llm.enqueue({ content: [{ type: 'text', text: 'Up.' }] });
    downstairs.llm.enqueue({ content: [{ type: 'text', text: 'Down.' }] });
    await fire({ text: 'anyone?', request_id: 'anyone-1' });
    const both = await answered('anyone-1', 2);
    expect(both.map((r) => r['text']).sort()).toEqual(['Down.', 'Up.']);
  });

  it('a request naming another instance gets no answer, not even a refusal of bad input', async () => {
    const before = upstairs.llm.requests.length + downstairs.llm.requests.length;
    await fire({ text: 'hello?', request_id: 'garage-1', instance: 'garage' });
    await fire({ request_id: 'garage-2', instance: 'garage' });
    await fire({ request_id: 'bad-up', instance: 'upstairs' });
    // The refusal of the last one shows both earlier ones were read and let go.
    expect(await answered('bad-up', 1)).toEqual([expect.objectContaining({ ok: false, instance: 'upstairs' })]);
    expect(responsesTo('garage-1')).toEqual([]);
    expect(responsesTo('garage-2')).toEqual([]);
    expect(upstairs.llm.requests.length + downstairs.llm.requests.length).toBe(before);
  });
});
