import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../../src/llm/anthropic.js';
import type { Provider, ToolSpec } from '../../../src/llm/provider.js';
import type { ChatMessage, ContentBlock } from '../../../src/contracts/messages.js';
import { startFakeAnthropic } from '../../fake-llm/fake-anthropic.js';
import { createHomeAssistantResponder, GREETING } from '../../fake-llm/scripts.js';
import type { FakeLlm } from '../../fake-llm/types.js';

// A few entities of Home Assistant's intent test home: "Home Assistant intents,
// https://github.com/home-assistant/intents, CC BY 4.0" (tests/en/_fixtures.yaml).
const HOME = [
  { entity_id: 'light.bedroom_lamp', name: 'Bedroom Lamp', area: 'Bedroom', state: 'off' },
  { entity_id: 'switch.kitchen', name: 'Kitchen Switch', area: 'Kitchen', state: 'off' },
  { entity_id: 'light.kitchen_countertop', name: 'Kitchen countertop', area: 'Kitchen', state: 'off' },
  { entity_id: 'light.kitchen_ceiling', name: 'Kitchen ceiling', area: 'Kitchen', state: 'on' },
  { entity_id: 'light.garage', name: 'Garage Light', area: 'Garage', state: 'off' },
  { entity_id: 'cover.curtain_left', name: 'Curtain Left', area: 'Living Room', state: 'open' },
  { entity_id: 'lock.front_door', name: 'Front Door', area: 'Entrance', state: 'locked' },
  { entity_id: 'lock.back_door', name: 'Back Door', area: 'Entrance', state: 'unlocked' },
  { entity_id: 'vacuum.rover', name: 'Rover', area: 'Living Room', state: 'idle' },
];

const spec = (name: string): ToolSpec => ({ name, description: name, input_schema: { type: 'object' } });
const TOOLS = ['ha_find_entities', 'ha_get_state', 'ha_call_service'].map(spec);

/** Every query word must appear in the entity's name, area or id (plural "s" tolerated). */
function find(input: { query?: string; domain?: string }): unknown {
  const words = (input.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return HOME.filter((e) => !input.domain || e.entity_id.startsWith(`${input.domain}.`)).filter((e) => {
    const haystack = `${e.name} ${e.area} ${e.entity_id}`.toLowerCase();
    return words.every((w) => haystack.includes(w) || haystack.includes(w.replace(/s$/, '')));
  });
}

interface ServiceCall {
  domain: string;
  service: string;
  target: { entity_id: string | string[] };
  data?: Record<string, unknown>;
}

/** A minimal agent loop: ask the model, run the tools against HOME, send results back. */
async function runTurn(provider: Provider, text: string, failService?: string) {
  const messages: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text }] }];
  const services: ServiceCall[] = [];
  const toolNames: string[] = [];
  for (let step = 0; step < 5; step += 1) {
    const response = await provider.complete({ system: 'You are Majordome.', messages, tools: TOOLS });
    messages.push({ role: 'assistant', content: response.content });
    const uses = response.content.filter((b) => b.type === 'tool_use');
    if (uses.length === 0) {
      const answer = response.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return { answer, services, toolNames };
    }
    const results: ContentBlock[] = uses.map((u) => {
      toolNames.push(u.name);
      if (u.name === 'ha_find_entities') return { type: 'tool_result', tool_use_id: u.id, content: JSON.stringify(find(u.input as { query?: string })) };
      if (u.name === 'ha_get_state') {
        const id = (u.input as { entity_id: string }).entity_id;
        return { type: 'tool_result', tool_use_id: u.id, content: JSON.stringify(HOME.find((e) => e.entity_id === id)) };
      }
      services.push(u.input as ServiceCall);
      return failService
        ? { type: 'tool_result', tool_use_id: u.id, content: JSON.stringify({ error: failService }), is_error: true }
        : { type: 'tool_result', tool_use_id: u.id, content: JSON.stringify({ ok: true }) };
    });
    messages.push({ role: 'user', content: results });
  }
  throw new Error('the responder did not end its turn');
}

describe('scripted home-agent responder (through the real SDK)', () => {
  let fake: FakeLlm;
  let provider: Provider;

  beforeAll(async () => {
    fake = await startFakeAnthropic({ fallback: createHomeAssistantResponder() });
    provider = createAnthropicProvider({ apiKey: fake.apiKey, model: 'claude-test', baseURL: fake.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('finds the entity, calls the right service on it, then says what it did', async () => {
    const turn = await runTurn(provider, 'Turn on the garage light');

    expect(turn.toolNames).toEqual(['ha_find_entities', 'ha_call_service']);
    expect(fake.requests.at(-3)?.body.messages).toHaveLength(1);
    expect(turn.services).toEqual([{ domain: 'light', service: 'turn_on', target: { entity_id: 'light.garage' } }]);
    expect(turn.answer).toBe('Done: I turned on Garage Light.');
    expect(fake.requests.every((r) => r.status === 200 && r.source === 'fallback')).toBe(true);
  });

  it.each([
    ['Lock the back door', { domain: 'lock', service: 'lock', target: { entity_id: 'lock.back_door' } }, 'Done: I locked Back Door.'],
    ['Please close the living room curtains', { domain: 'cover', service: 'close_cover', target: { entity_id: 'cover.curtain_left' } }, 'Done: I closed Curtain Left.'],
    ['Set the bedroom lamp to 40%', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' }, data: { brightness_pct: 40 } }, 'Done: I set Bedroom Lamp to 40%.'],
    ['turn off all the lights in the kitchen', { domain: 'light', service: 'turn_off', target: { entity_id: ['light.kitchen_countertop', 'light.kitchen_ceiling'] } }, 'Done: I turned off Kitchen countertop and Kitchen ceiling.'],
    ['Send rover back to its dock', { domain: 'vacuum', service: 'return_to_base', target: { entity_id: 'vacuum.rover' } }, 'Done: I sent Rover back to the dock.'],
  ])('handles "%s"', async (text, service, answer) => {
    const turn = await runTurn(provider, text);

    expect(turn.services).toEqual([service]);
    expect(turn.answer).toBe(answer);
  });

  it('answers a question from the state it found, without calling a service', async () => {
    const turn = await runTurn(provider, 'Is the front door locked?');

    expect(turn.services).toEqual([]);
    expect(turn.answer).toBe('Front Door is locked.');
  });

  it('reports a failed service call with the tool error', async () => {
    const turn = await runTurn(provider, 'Unlock the front door', 'The user denied this action.');

    expect(turn.answer).toBe("I couldn't unlock Front Door: The user denied this action.");
  });

  it('says so when nothing matches, and greets when there is nothing to do', async () => {
    expect((await runTurn(provider, 'Turn on the jacuzzi')).answer).toBe('I couldn\'t find anything matching "jacuzzi".');
    expect((await runTurn(provider, 'Hello!')).answer).toBe(GREETING);
  });
});
